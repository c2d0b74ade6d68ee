package academy.muse.platform.outbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Publishes events at least once. An event is first stored in this service's own database (the outbox),
 * right after the state change that causes it, and then relayed to the broker by {@link OutboxRelay}.
 * When the broker is down the event waits in the outbox; nothing is lost.
 */
@ApplicationScoped
public class EventPublisher {

    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final EventsConfig config;
    private final Clock clock;

    EventPublisher(Outbox outbox, OutboxRelay relay, ObjectMapper json, EventsConfig config, Clock clock) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    /** Stores the event and asks the relay to send it now; returns the event id. */
    public <T> String publish(EventType<T> type, String subject, T data) {
        return publish(type, UUID.randomUUID().toString(), subject, data);
    }

    /**
     * Stores an event with a caller-chosen id: calling this twice with the same id stores one event,
     * which makes a retried state change safe to publish again.
     */
    public <T> String publish(EventType<T> type, String eventId, String subject, T data) {
        publishAll(type, List.of(new Publication<>(eventId, subject, data)));
        return eventId;
    }

    /** One event of a batch: its caller-chosen id (see {@link #publish(EventType, String, String, Object)}), subject and data. */
    public record Publication<T>(String eventId, String subject, T data) {
    }

    /**
     * Stores a batch of events of one type with one write, and asks the relay to send them now. As with a single
     * event, an id stored before is kept once.
     */
    public <T> void publishAll(EventType<T> type, List<Publication<T>> events) {
        Instant now = clock.instant();
        List<OutboxEntry> entries = events.stream().map(event -> entry(type, event, now)).toList();
        outbox.storeAll(entries, now);
        relay.relaySoon(entries.stream().map(OutboxEntry::eventId).toList());
    }

    private <T> OutboxEntry entry(EventType<T> type, Publication<T> publication, Instant now) {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, publication.eventId(), "/muse/" + config.source(),
                type.type(), now.atOffset(ZoneOffset.UTC), publication.subject(), "application/json",
                json.valueToTree(publication.data()));
        return new OutboxEntry(publication.eventId(), type.address(), type.type(), publication.subject(), serialise(event),
                now);
    }

    private String serialise(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
