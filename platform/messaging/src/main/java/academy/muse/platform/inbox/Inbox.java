package academy.muse.platform.inbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.events.CloudEvents;
import academy.muse.contracts.events.EventType;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Makes a consumer idempotent by event id: the {@code inbox} collection remembers each handled event.
 * The effect runs first and the event is remembered after it, so a crash in between means the effect runs
 * again on redelivery (at-least-once); effects are written to tolerate that, never to be skipped.
 */
@ApplicationScoped
public class Inbox {

    private final MongoCollection<Document> handled;
    private final Clock clock;
    private final CloudEvents cloudEvents;

    Inbox(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, CloudEvents cloudEvents, Clock clock) {
        this.clock = clock;
        this.handled = mongo.getDatabase(database).getCollection("inbox");
        this.cloudEvents = cloudEvents;
    }

    /**
     * One event type a consumer handles and what it does with the event's data (and, where it needs them, the
     * event's own id and time).
     */
    public record Route<T>(EventType<T> type, BiConsumer<CloudEvent, T> effect) {
    }

    /** A route whose effect needs the data only. */
    public static <T> Route<T> on(EventType<T> type, Consumer<T> effect) {
        return new Route<>(type, (event, data) -> effect.accept(data));
    }

    /** A route whose effect needs the event too (its id to derive ids from, its time). */
    public static <T> Route<T> onEvent(EventType<T> type, BiConsumer<CloudEvent, T> effect) {
        return new Route<>(type, effect);
    }

    /**
     * The one consumer shape: a consumer per broker address hands each delivery here with a route per event type
     * it handles. The delivery is parsed, and the route of its type applied once per event id; an event of a type
     * no route names is left alone. Returns whether an effect ran.
     */
    public boolean handleOnce(Object delivery, List<Route<?>> routes) {
        CloudEvent event = cloudEvents.parse(delivery);
        return routes.stream().anyMatch(route -> applyOnce(event, route));
    }

    private <T> boolean applyOnce(CloudEvent event, Route<T> route) {
        return cloudEvents.dataIf(event, route.type())
                .map(data -> handleOnce(event.id(), () -> route.effect().accept(event, data)))
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
            handled.insertOne(new Document("_id", eventId).append("handledAt", Date.from(clock.instant())));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }
}
