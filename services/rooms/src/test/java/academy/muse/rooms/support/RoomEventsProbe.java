package academy.muse.rooms.support;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.events.CloudEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reads rooms' events back from the real broker, as scheduling and recordings would receive them. */
@ApplicationScoped
public class RoomEventsProbe {

    private final List<CloudEvent> received = new CopyOnWriteArrayList<>();
    private final CloudEvents cloudEvents;

    RoomEventsProbe(CloudEvents cloudEvents) {
        this.cloudEvents = cloudEvents;
    }

    @Incoming("room-events-probe")
    @Blocking
    public void on(Object body) {
        received.add(cloudEvents.parse(body));
    }

    public List<CloudEvent> about(String roomCode, String type) {
        return received.stream().filter(event -> roomCode.equals(event.subject()) && type.equals(event.type())).toList();
    }
}
