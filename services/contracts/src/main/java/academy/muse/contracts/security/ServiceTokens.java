package academy.muse.contracts.security;

import academy.muse.contracts.outbox.EventsConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Set;

/**
 * Signs this service's tokens for calls to other services' internal endpoints. A token is reused until
 * it is close to expiry, so a burst of calls costs one signature.
 */
@ApplicationScoped
public class ServiceTokens {

    public static final String KID = "muse-service";

    private final KeysConfig keys;
    private final String serviceName;
    private final String issuer;
    private String current;
    private Instant renewAfter = Instant.EPOCH;

    ServiceTokens(KeysConfig keys, EventsConfig events,
                  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://muse.academy") String issuer) {
        this.keys = keys;
        this.serviceName = events.source();
        this.issuer = issuer;
    }

    public synchronized String current() {
        Instant now = Instant.now();
        if (current == null || now.isAfter(renewAfter)) {
            current = Jwt.issuer(issuer)
                    .subject("service:" + serviceName)
                    .groups(Set.of(Roles.SERVICE))
                    .claim("token_use", "service")
                    .expiresIn(keys.serviceTokenLifetime())
                    .jws().keyId(KID)
                    .sign(keys.file("service-token-private.pem").toUri().toString());
            renewAfter = now.plus(keys.serviceTokenLifetime().dividedBy(2));
        }
        return current;
    }
}
