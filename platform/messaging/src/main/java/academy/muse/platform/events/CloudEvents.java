package academy.muse.platform.events;

import academy.muse.contracts.events.EventType;
import academy.muse.contracts.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Reads CloudEvents as they arrive from the broker. */
@ApplicationScoped
public class CloudEvents {

    private final ObjectMapper json;

    CloudEvents(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Parses an event as the AMQP connector hands it over: a String, or already decoded JSON when the
     * message said its content type is JSON.
     */
    public CloudEvent parse(Object body) {
        try {
            if (body instanceof String text) {
                return json.readValue(text, CloudEvent.class);
            }
            if (body instanceof byte[] bytes) {
                return json.readValue(bytes, CloudEvent.class);
            }
            if (body instanceof JsonObject object) {
                return json.readValue(object.encode(), CloudEvent.class);
            }
            if (body instanceof Buffer buffer) {
                return json.readValue(buffer.getBytes(), CloudEvent.class);
            }
            throw new IllegalArgumentException("Not a CloudEvent: a " + (body == null ? "null" : body.getClass().getName()));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a CloudEvent: " + e.getMessage(), e);
        }
    }

    /** The event's data as the given type's record, or empty when the event is of another type. */
    public <T> Optional<T> dataIf(CloudEvent event, EventType<T> type) {
        if (!type.type().equals(event.type())) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.treeToValue(event.data(), type.dataClass()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.id() + " has malformed data for " + type.type(), e);
        }
    }
}
