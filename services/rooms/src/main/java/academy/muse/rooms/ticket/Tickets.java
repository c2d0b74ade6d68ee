package academy.muse.rooms.ticket;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.rooms.config.RoomsConfig;
import academy.muse.rooms.room.JoinWindow;
import academy.muse.rooms.room.Membership;
import academy.muse.rooms.room.Room;
import academy.muse.rooms.room.Rooms;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Hands a participant of an open room what they need to join it. */
@ApplicationScoped
public class Tickets {

    private static final Logger LOG = Logger.getLogger(Tickets.class);

    private final Rooms rooms;
    private final TicketSigner signer;
    private final TurnCredentials turn;
    private final RoomsConfig config;

    Tickets(Rooms rooms, TicketSigner signer, TurnCredentials turn, RoomsConfig config) {
        this.rooms = rooms;
        this.signer = signer;
        this.turn = turn;
        this.config = config;
    }

    public TicketResponse issue(String typedCode, Caller caller, Instant now) {
        return issue(rooms.membership(typedCode, caller), caller, now);
    }

    /**
     * Everything a participant's browser needs to enter the room in one answer: the room as they see it and a
     * ticket with its ICE servers (the join otherwise waits on two dependent round trips). Refused like a ticket.
     */
    public RoomJoin join(String typedCode, Caller caller, Instant now) {
        Membership membership = rooms.membership(typedCode, caller);
        TicketResponse ticket = issue(membership, caller, now);
        return new RoomJoin(rooms.view(membership, now), ticket);
    }

    private TicketResponse issue(Membership membership, Caller caller, Instant now) {
        Room room = membership.room();
        String state = rooms.state(room, now);
        if (JoinWindow.SCHEDULED.equals(state)) {
            long wait = Math.max(1, Duration.between(now, room.opensAt).toSeconds());
            throw new ProblemException(409, "room-not-open-yet", "Room not open yet",
                    "Room " + room.code + " opens at " + room.opensAt + ", " + config.leadTime().toMinutes()
                            + " minutes before the lesson starts", Map.of("Retry-After", String.valueOf(wait)));
        }
        if (JoinWindow.CLOSED.equals(state)) {
            throw ProblemException.conflict("room-closed", "Room " + room.code + " has closed");
        }
        Instant expiresAt = now.plus(config.ticketLifetime());
        String ticket = signer.sign(room.code, caller.id(), membership.role(), membership.displayName(), now, expiresAt);
        LOG.infof("Ticket for %s as %s in room %s", caller.id(), membership.role(), room.code);
        // TURN credentials last until the latest moment the room can close, so a later extension keeps the relay.
        return new TicketResponse(ticket, expiresAt, turn.iceServers(caller.id(), rooms.latestClose(room)),
                "/ws/rooms/" + room.code, caller.id(), membership.role(), now);
    }
}
