package academy.muse.rooms.room;

import academy.muse.contracts.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;

/** Called by scheduling's room issuer with a service token; never routed by the gateway. */
@Path("/internal/rooms")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalRoomsResource {

    private final Rooms rooms;
    private final Clock clock;

    InternalRoomsResource(Rooms rooms, Clock clock) {
        this.rooms = rooms;
        this.clock = clock;
    }

    /** Idempotent: 201 with the new room the first time, 200 with the same room on every repeat. */
    @PUT
    @Path("{lessonOccurrenceId}")
    public Response issue(@PathParam("lessonOccurrenceId")
                          @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1-100 letters, digits or . _ : -")
                          String lessonOccurrenceId,
                          @Valid @NotNull LessonRoomRequest request) {
        Instant now = clock.instant();
        Rooms.Issued issued = rooms.issueForLesson(lessonOccurrenceId, request, now);
        return Response.status(issued.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(rooms.issued(issued.room(), now)).build();
    }
}
