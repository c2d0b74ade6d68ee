package academy.muse.rooms.ticket;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** One entry of RTCConfiguration.iceServers, as the browser takes it. STUN entries carry no credentials. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IceServer(List<String> urls, String username, String credential) {

    /** Never print credentials: they let anyone relay through our TURN server until they expire. */
    @Override
    public String toString() {
        return "IceServer" + urls;
    }
}
