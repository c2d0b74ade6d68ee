package academy.muse.platform.security;

import java.util.Optional;

/**
 * What a signing key is for. Each purpose has its own key pair and key id ({@code muse-<purpose>}), so a
 * token signed for one purpose can never pass as another: a room ticket is not a user token, a service's
 * token speaks only for that service.
 *
 * <ul>
 *   <li>{@value #USER}: the gateway signs users' access tokens ({@code token_use=access});</li>
 *   <li>{@value #TICKET}: rooms signs room tickets ({@code token_use=room-ticket}, audience {@code signaling});</li>
 *   <li>{@code service-<name>}: that service signs its own service tokens ({@code token_use=service},
 *       subject {@code service:<name>}).</li>
 * </ul>
 */
public record TokenPurpose(String name) {

    public static final String USER = "user";
    public static final String TICKET = "ticket";
    static final String SERVICE_PREFIX = "service-";
    static final String KID_PREFIX = "muse-";

    public static TokenPurpose user() {
        return new TokenPurpose(USER);
    }

    public static TokenPurpose ticket() {
        return new TokenPurpose(TICKET);
    }

    public static TokenPurpose service(String serviceName) {
        return new TokenPurpose(SERVICE_PREFIX + serviceName);
    }

    /** The purpose a key id names, if it names one of ours. */
    public static Optional<TokenPurpose> ofKid(String kid) {
        if (kid == null || !kid.startsWith(KID_PREFIX) || kid.length() == KID_PREFIX.length()) {
            return Optional.empty();
        }
        return Optional.of(new TokenPurpose(kid.substring(KID_PREFIX.length())));
    }

    public String kid() {
        return KID_PREFIX + name;
    }

    public boolean isService() {
        return name.startsWith(SERVICE_PREFIX);
    }

    /** The service a service purpose belongs to ({@code service-rooms} → {@code rooms}). */
    public String serviceName() {
        if (!isService()) {
            throw new IllegalStateException(name + " is not a service purpose");
        }
        return name.substring(SERVICE_PREFIX.length());
    }

    /** The file name inside {@code private/} and {@code public/}. */
    public String fileName() {
        return name + ".pem";
    }

    @Override
    public String toString() {
        return name;
    }
}
