package academy.muse.signaling.room;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Set;

/**
 * What a verified room ticket grants: this participant may take part in this room, in this role.
 * Rooms signs tickets (kid {@code muse-ticket}, audience {@code signaling}, one {@code jti} each); signaling only
 * reads them, and lets each open one connection.
 *
 * @param room          the room code the ticket is scoped to
 * @param participantId the account id (the ticket's subject); one live connection per participant and room
 * @param name          the display name other participants see
 * @param role          host, participant or observer
 */
public record Ticket(String room, String participantId, String name, String role) {

    public static final Set<String> ROLES = Set.of("host", "participant", "observer");

    /** Observers watch: signaling relays to them but takes from them only what receiving needs. */
    public boolean isObserver() {
        return "observer".equals(role);
    }

    /** Reads a ticket from a verified token, or null when the token lacks what a ticket must carry. */
    public static Ticket from(JsonWebToken token) {
        String room = token.getClaim("room");
        String role = token.getClaim("role");
        String subject = token.getSubject();
        if (room == null || subject == null || subject.isBlank() || role == null || !ROLES.contains(role)) {
            return null;
        }
        String name = token.getClaim("name");
        return new Ticket(room, subject, name == null ? subject : name, role);
    }
}
