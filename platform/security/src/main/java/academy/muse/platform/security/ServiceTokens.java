package academy.muse.platform.security;

import academy.muse.platform.outbox.EventsConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Signs this service's tokens for calls to other services' internal endpoints, with this service's own key
 * (purpose {@code service-<name>}): a receiver accepts it only as {@code service:<name>}. A token is reused
 * until it is close to expiry, so a burst of calls costs one signature.
 */
@ApplicationScoped
public class ServiceTokens {

    private final TokenKeys keys;
    private final Duration lifetime;
    private final TokenPurpose purpose;
    private final String serviceName;
    private final String issuer;
    private final Clock clock;
    private String current;
    private Instant renewAfter = Instant.EPOCH;

    ServiceTokens(TokenKeys keys, KeysConfig config, EventsConfig events,
                  @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://muse.academy") String issuer, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.lifetime = config.serviceTokenLifetime();
        this.serviceName = events.source();
        this.purpose = TokenPurpose.service(serviceName);
        this.issuer = issuer;
    }

    public synchronized String current() {
        Instant now = clock.instant();
        if (current == null || now.isAfter(renewAfter)) {
            current = Jwt.issuer(issuer)
                    .subject(PurposeTokenParser.SERVICE_SUBJECT_PREFIX + serviceName)
                    .groups(Set.of(Roles.SERVICE))
                    .claim(PurposeTokenParser.TOKEN_USE, PurposeTokenParser.SERVICE_USE)
                    .expiresIn(lifetime)
                    .jws().keyId(purpose.kid())
                    .sign(keys.signingKey(purpose));
            renewAfter = now.plus(lifetime.dividedBy(2));
        }
        return current;
    }
}
