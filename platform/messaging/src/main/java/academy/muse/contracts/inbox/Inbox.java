package academy.muse.contracts.inbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.EventType;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Date;
import java.util.function.Consumer;

/**
 * Makes a consumer idempotent by event id: the {@code inbox} collection remembers each handled event.
 * The effect runs first and the event is remembered after it, so a crash in between means the effect runs
 * again on redelivery (at-least-once); effects are written to tolerate that, never to be skipped.
 */
@ApplicationScoped
public class Inbox {

    private final MongoCollection<Document> handled;
    private final CloudEvents cloudEvents;

    Inbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, CloudEvents cloudEvents) {
        this.handled = mongo.getDatabase(database).getCollection("inbox");
        this.cloudEvents = cloudEvents;
    }

    /**
     * Applies {@code effect} to the event's data once, when the event is of {@code type}; an event of another
     * type is left alone. Returns whether the effect ran.
     */
    public <T> boolean handleOnce(CloudEvent event, EventType<T> type, Consumer<T> effect) {
        return cloudEvents.dataIf(event, type)
                .map(data -> handleOnce(event.id(), () -> effect.accept(data)))
                .orElse(false);
    }

    /** Runs {@code effect} unless an event with this id was handled before; returns whether it ran. */
    public boolean handleOnce(String eventId, Runnable effect) {
        if (alreadyHandled(eventId)) {
            return false;
        }
        effect.run();
        remember(eventId);
        return true;
    }

    public boolean alreadyHandled(String eventId) {
        return handled.find(Filters.eq("_id", eventId)).first() != null;
    }

    private void remember(String eventId) {
        try {
            handled.insertOne(new Document("_id", eventId).append("handledAt", new Date()));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
