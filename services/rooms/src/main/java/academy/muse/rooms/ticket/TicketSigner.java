package academy.muse.rooms.ticket;

import academy.muse.platform.security.PurposeTokenParser;
import academy.muse.platform.security.TokenKeys;
import academy.muse.platform.security.TokenPurpose;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.UUID;

/**
 * Signs room tickets: RS256 JWTs that signaling accepts for one room, one participant and one role, once
 * (each has its own {@code jti}). Signed with the ticket key ({@code private/ticket.pem}, kid
 * {@code muse-ticket}), which no other service holds and which no other endpoint accepts.
 */
@ApplicationScoped
public class TicketSigner {

    public static final String AUDIENCE = PurposeTokenParser.TICKET_AUDIENCE;

    private final TokenKeys keys;
    private final String issuer;

    TicketSigner(TokenKeys keys,
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
                .claim(PurposeTokenParser.TOKEN_USE, PurposeTokenParser.TICKET_USE)
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(expiresAt);
        if (name != null) {
            claims.claim("name", name);
        }
        return claims.jws().keyId(TokenPurpose.ticket().kid()).sign(keys.signingKey(TokenPurpose.ticket()));
    }
}
