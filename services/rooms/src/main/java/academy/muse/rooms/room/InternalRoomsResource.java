package academy.muse.rooms.room;

import academy.muse.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Called by scheduling's room issuer with a service token; never routed by the gateway. */
@Path("/internal/rooms")
@RolesAllowed(Roles.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalRoomsResource {

    /** The most lessons one batch may hold. */
    static final int MAX_BATCH = 500;

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
                          @Pattern(regexp = LessonRoom.OCCURRENCE_ID, message = LessonRoom.OCCURRENCE_ID_MESSAGE)
                          String lessonOccurrenceId,
                          @Valid @NotNull LessonRoomRequest request) {
        Instant now = clock.instant();
        Rooms.Issued issued = rooms.issueForLesson(lessonOccurrenceId, request, now);
        return Response.status(issued.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(rooms.issued(issued.room(), now)).build();
    }

    /**
     * The rooms of a batch of lesson occurrences, each as the single PUT gives it, in the order asked. Idempotent as
     * well. A batch with one invalid lesson is refused whole, and nothing of it is stored.
     */
    @PUT
    public List<IssuedLessonRoom> issueAll(@NotNull @Size(min = 1, max = MAX_BATCH) List<@Valid @NotNull LessonRoom> batch) {
        Instant now = clock.instant();
        return rooms.issueForLessons(batch, now).stream()
                .map(issued -> new IssuedLessonRoom(issued.room().lessonOccurrenceId, rooms.issued(issued.room(), now)))
                .toList();
    }
}
