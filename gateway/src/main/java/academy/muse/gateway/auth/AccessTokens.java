package academy.muse.gateway.auth;

import academy.muse.contracts.security.KeysConfig;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.RelationGraph;
import academy.muse.gateway.account.TokenRelations;
import academy.muse.gateway.config.AuthConfig;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Signs users' access tokens (RS256, kid {@value #KID}) with {@code user-token-private.pem}. Every service
 * verifies them with the public half from {@code jwks.json} and reads the caller from the claims
 * ({@code academy.muse.contracts.security.Caller}), including the relations, so no service has to ask the
 * gateway who may see whom.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String KID = "muse-user";
    static final String PRIVATE_KEY_FILE = "user-token-private.pem";

    private final KeysConfig keys;
    private final AuthConfig config;
    private final RelationGraph relations;
    private final String issuer;
    private volatile PrivateKey signingKey;

    AccessTokens(KeysConfig keys, AuthConfig config, RelationGraph relations,
                 @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer) {
        this.keys = keys;
        this.config = config;
        this.relations = relations;
        this.issuer = issuer;
    }

    public AccessToken issue(Account account) {
        TokenRelations related = relations.claimsFor(account);
        Instant expiresAt = Instant.now().plus(config.accessTokenLifetime());
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
                .claim("token_use", "access")
                .expiresAt(expiresAt)
                .jws().keyId(KID)
                .sign(signingKey());
        return new AccessToken(token, expiresAt);
    }

    /** Read once: the key file does not change while the gateway runs (a new key means a new rollout). */
    private PrivateKey signingKey() {
        if (signingKey == null) {
            Path file = keys.file(PRIVATE_KEY_FILE);
            try {
                signingKey = KeyUtils.decodePrivateKey(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the user token key " + file, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("The user token key " + file + " is not an RSA private key", e);
            }
        }
        return signingKey;
    }
}
