package academy.muse.rooms.ticket;

import java.time.Instant;
import java.util.List;

/**
 * What a participant needs to join: the room ticket for signaling, ICE servers with TURN credentials and
 * where to connect.
 *
 * @param participantId the participant's account id, as signaling names them to the others
 * @param serverTime    lets the client stamp recordings with server time and show "opens in ..." correctly
 */
public record TicketResponse(String ticket, Instant expiresAt, List<IceServer> iceServers, String signalingUrl,
                             String participantId, String role, Instant serverTime) {

    @Override
    public String toString() {
        return "TicketResponse[" + participantId + " as " + role + " until " + expiresAt + "]";
    }
}
