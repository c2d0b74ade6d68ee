package academy.muse.scheduling.client;

import academy.muse.platform.security.ServiceTokenFilter;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.time.Instant;
import java.util.List;

/** rooms' internal API, called with this service's token. Fault tolerance lives in {@link Rooms}. */
@RegisterRestClient(configKey = "rooms")
@RegisterProvider(ServiceTokenFilter.class)
@RegisterProvider(RoomsErrors.class)
@Path("/internal/rooms")
public interface RoomsClient {

    /** Opens (or returns the already opened) room of one lesson occurrence: the same call twice gives the same room. */
    @PUT
    @Path("/{occurrenceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    IssuedRoom open(@PathParam("occurrenceId") String occurrenceId, RoomRequest request);

    /**
     * Opens (or returns) the rooms of many occurrences in one call, each as {@link #open} would; the answer lists
     * every occurrence once, in the order asked. A batch with one invalid lesson is refused whole (4xx).
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    List<IssuedLessonRoom> openAll(List<LessonRoom> rooms);

    /** One lesson occurrence's room asked for in a batch. */
    record LessonRoom(String occurrenceId, RoomRequest room) {
    }

    /** The room of one occurrence of a batch. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssuedLessonRoom(String occurrenceId, IssuedRoom room) {
    }

    record RoomRequest(String title, Instant startsAt, Instant endsAt, List<Participant> participants) {
    }

    /** @param role {@code host} for the teacher, {@code participant} for students */
    record Participant(String accountId, String role, String displayName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssuedRoom(String code, String joinLink, Instant opensAt, Instant closesAt, String state) {
    }
}
