package academy.muse.platform.events;

import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A consumer as a service writes one: parse, then apply the effect once per event id. */
@ApplicationScoped
public class RecordingConsumer {

    private final List<String> deliveries = new CopyOnWriteArrayList<>();
    private final List<LessonEvents.LessonCancelled> effects = new CopyOnWriteArrayList<>();

    private final CloudEvents cloudEvents;
    private final Inbox inbox;

    RecordingConsumer(CloudEvents cloudEvents, Inbox inbox) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
    }

    public List<String> deliveries() {
        return deliveries;
    }

    public List<LessonEvents.LessonCancelled> effects() {
        return effects;
    }

    @Incoming("lesson-events")
    @Blocking
    public void on(Object body) {
        deliveries.add(cloudEvents.parse(body).id());
        inbox.handleOnce(body, List.of(Inbox.on(Events.LESSON_CANCELLED, effects::add)));
    }
}
