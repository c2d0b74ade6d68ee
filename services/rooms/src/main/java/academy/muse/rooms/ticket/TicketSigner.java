package academy.muse.rooms.ticket;

import academy.muse.contracts.security.KeysConfig;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Signs room tickets: RS256 JWTs that signaling accepts for one room, one participant and one role. The key
 * file is read per ticket, so a rotated Secret takes effect without a restart.
 */
@ApplicationScoped
public class TicketSigner {

    public static final String KID = "muse-room-ticket";
    public static final String AUDIENCE = "signaling";

    private final KeysConfig keys;
    private final String issuer;

    TicketSigner(KeysConfig keys,
                 @ConfigProperty(name = "mp.jwt.verify.issuer", defaultValue = "https://muse.academy") String issuer) {
        this.keys = keys;
        this.issuer = issuer;
    }

    public String sign(String roomCode, String accountId, String role, String name, Instant issuedAt, Instant expiresAt) {
        var claims = Jwt.issuer(issuer)
                .audience(AUDIENCE)
                .subject(accountId)
                .claim("room", roomCode)
                .claim("role", role)
                .claim("token_use", "room-ticket")
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        if (name != null) {
            claims.claim("name", name);
        }
        return claims.jws().keyId(KID).sign(keys.file("room-ticket-private.pem").toUri().toString());
    }
}
