package academy.muse.gateway.auth;

import academy.muse.platform.security.PurposeTokenParser;
import academy.muse.platform.security.TokenKeys;
import academy.muse.platform.security.TokenPurpose;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.RelationGraph;
import academy.muse.gateway.account.TokenRelations;
import academy.muse.gateway.config.AuthConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Signs users' access tokens (RS256, kid {@code muse-user}) with {@code private/user.pem}. Every service
 * verifies them with {@code public/user.pem} and reads the caller from the claims
 * ({@code academy.muse.platform.security.Caller}), including the relations, so no service has to ask the
 * gateway who may see whom.
 */
@ApplicationScoped
public class AccessTokens {

    private final TokenKeys keys;
    private final AuthConfig config;
    private final RelationGraph relations;
    private final Clock clock;
    private final String issuer;

    AccessTokens(TokenKeys keys, AuthConfig config, RelationGraph relations,
                 @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer, Clock clock) {
        this.clock = clock;
        this.keys = keys;
        this.config = config;
        this.relations = relations;
        this.issuer = issuer;
    }

    public AccessToken issue(Account account) {
        TokenRelations related = relations.claimsFor(account);
        Instant expiresAt = clock.instant().plus(config.accessTokenLifetime());
        String token = Jwt.issuer(issuer)
                .subject(account.id)
                .upn(account.id)
                .groups(Set.of(account.role))
                .claim("name", account.displayName)
                .claim("zone", account.zone)
                .claim("locale", Objects.requireNonNullElse(account.locale, "en"))
                .claim("students", related.students())
                .claim("teachers", related.teachers())
                .claim("observes", related.observes())
                .claim(PurposeTokenParser.TOKEN_USE, PurposeTokenParser.ACCESS_USE)
                .expiresAt(expiresAt)
                .jws().keyId(TokenPurpose.user().kid())
                .sign(keys.signingKey(TokenPurpose.user()));
        return new AccessToken(token, expiresAt);
    }
}
