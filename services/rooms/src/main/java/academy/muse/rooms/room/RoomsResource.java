package academy.muse.rooms.room;

import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.rooms.ticket.RoomJoin;
import academy.muse.rooms.ticket.TicketResponse;
import academy.muse.rooms.ticket.Tickets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;

/**
 * The public room API; the gateway forwards {@code /api/rooms/<path>} here as {@code /<path>}. A code in
 * the path is matched leniently (any case, look-alike letters) and normalised by {@link RoomCodes}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class RoomsResource {

    private static final String CODE = "{code: " + RoomCodes.LENIENT_PATTERN + "}";

    private final Rooms rooms;
    private final Tickets tickets;
    private final JsonWebToken token;
    private final Clock clock;

    RoomsResource(Rooms rooms, Tickets tickets, JsonWebToken token, Clock clock) {
        this.rooms = rooms;
        this.tickets = tickets;
        this.token = token;
        this.clock = clock;
    }

    /** "Create room": an instant room for an ad-hoc lesson or a rehearsal; the answer carries the join link. */
    @POST
    @Path("instant")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.TEACHER)
    @APIResponseSchema(value = RoomView.class, responseCode = "201", responseDescription = "The new room")
    public Response createInstant(@Valid InstantRoomRequest request) {
        Caller teacher = Caller.from(token);
        Instant now = clock.instant();
        Room room = rooms.createInstant(teacher, request, now);
        RoomView view = rooms.view(new Membership(room, RoomParticipant.HOST, teacher.displayName()), now);
        return Response.created(URI.create(room.code)).entity(view).build();
    }

    /** A room as its participants see it; to anyone else it does not exist (404). */
    @GET
    @Path(CODE)
    @RolesAllowed(Roles.USER)
    public RoomView room(@PathParam("code") String code) {
        Instant now = clock.instant();
        return rooms.view(rooms.membership(code, Caller.from(token)), now);
    }

    /**
     * The teacher keeps the room open one step longer (a lesson running over); 422 {@code extension-limit} beyond
     * the most a room may be extended, 409 once it has closed, 403 for anyone but the teacher.
     */
    @POST
    @Path(CODE + "/extensions")
    @RolesAllowed(Roles.USER)
    public RoomView extend(@PathParam("code") String code) {
        Instant now = clock.instant();
        Membership membership = rooms.membership(code, Caller.from(token));
        Room room = rooms.extend(membership, now);
        return rooms.view(new Membership(room, membership.role(), membership.displayName()), now);
    }

    /** A room ticket, ICE servers and the signaling URL, for a participant while the room is open. */
    @POST
    @Path(CODE + "/tickets")
    @RolesAllowed(Roles.USER)
    public TicketResponse ticket(@PathParam("code") String code) {
        return tickets.issue(code, Caller.from(token), clock.instant());
    }

    /**
     * The room, a ticket and ICE servers in one answer, for a browser entering the room; refused (problem+json)
     * exactly as a ticket is: 404 to a non-participant, 409 before the room opens or after it closed.
     */
    @POST
    @Path(CODE + "/join")
    @RolesAllowed(Roles.USER)
    public RoomJoin join(@PathParam("code") String code) {
        return tickets.join(code, Caller.from(token), clock.instant());
    }
}
