package academy.muse.scheduling.client;

import academy.muse.contracts.security.ServiceTokenFilter;
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
@Path("/internal/rooms")
public interface RoomsClient {

    /** Opens (or returns the already opened) room of one lesson occurrence: the same call twice gives the same room. */
    @PUT
    @Path("/{occurrenceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    IssuedRoom open(@PathParam("occurrenceId") String occurrenceId, RoomRequest request);

    record RoomRequest(String title, Instant startsAt, Instant endsAt, List<Participant> participants) {
    }

    /** @param role {@code host} for the teacher, {@code participant} for students */
    record Participant(String accountId, String role, String displayName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record IssuedRoom(String code, String joinLink, Instant opensAt, Instant closesAt, String state) {
    }
}
