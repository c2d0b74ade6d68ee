package academy.muse.rooms.support;

import academy.muse.devstack.DevKeys;
import academy.muse.devstack.testing.TestKeys;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * Checks a room ticket as signaling does before it lets a WebSocket into {@code /ws/rooms/{code}}: signature
 * against the published keys, issuer, audience {@code signaling}, expiry, and the room it names.
 */
public final class SignalingTicketCheck {

    private SignalingTicketCheck() {
    }

    public static JsonWebToken verify(String ticket) throws ParseException {
        JWTAuthContextInfo context = new JWTAuthContextInfo(DevKeys.publicKey(TestKeys.directory(), DevKeys.TICKET).toUri().toString(),
                "https://muse.academy");
        context.setExpectedAudience(Set.of("signaling"));
        return new DefaultJWTParser(context).parse(ticket);
    }

    /** Whether this ticket lets its holder into the room with this code. */
    public static boolean admits(String ticket, String roomCode) {
        try {
            return roomCode.equals(verify(ticket).getClaim("room"));
        } catch (ParseException refused) {
            return false;
        }
    }
}
