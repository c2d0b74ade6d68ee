package academy.muse.contracts.outbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.EventType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    EventPublisher(Outbox outbox, OutboxRelay relay, ObjectMapper json, EventsConfig config) {
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.config = config;
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
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, eventId, "/muse/" + config.source(), type.type(),
                OffsetDateTime.now(ZoneOffset.UTC), subject, "application/json", json.valueToTree(data));
        outbox.store(new OutboxEntry(eventId, type.address(), type.type(), subject, serialise(event), Instant.now()));
        relay.relaySoon();
        return eventId;
    }

    private String serialise(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
