package academy.muse.recordings.support;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Subscribes to muse.recording as vod does, so tests see what recordings published through the broker. */
@ApplicationScoped
public class RecordingProbe {

    private final CloudEvents cloudEvents;
    private final List<CloudEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, RecordingEvents.RecordingCompleted> completed = new ConcurrentHashMap<>();

    RecordingProbe(CloudEvents cloudEvents) {
        this.cloudEvents = cloudEvents;
    }

    @Incoming("recording-probe")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        events.add(event);
        cloudEvents.dataIf(event, Events.RECORDING_COMPLETED).ifPresent(data -> completed.put(data.recordingId(), data));
    }

    /** The storage warnings published for an owner, each distinct event once, in the order they arrived. */
    public List<RecordingEvents.StorageThresholdCrossed> thresholds(String ownerId) {
        Map<String, RecordingEvents.StorageThresholdCrossed> byId = new java.util.LinkedHashMap<>();
        for (CloudEvent event : events) {
            cloudEvents.dataIf(event, Events.RECORDING_STORAGE_THRESHOLD)
                    .filter(crossed -> ownerId.equals(crossed.ownerId()))
                    .ifPresent(crossed -> byId.putIfAbsent(event.id(), crossed));
        }
        return List.copyOf(byId.values());
    }

    public RecordingEvents.RecordingCompleted completed(String recordingId) {
        return completed.get(recordingId);
    }

    /**
     * How many distinct events were published about {@code subject}. Delivery is at least once, so the same event
     * may arrive twice (a send that timed out but got through is sent again); it keeps its id, and consumers'
     * inboxes drop it. A second event would have a new id.
     */
    public long eventsFor(String subject) {
        return events.stream().filter(event -> subject.equals(event.subject())).map(CloudEvent::id).distinct().count();
    }
}
