package academy.muse.gateway.lesson;

import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.lease.Lease;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The {@code lesson_copies} collection: the gateway's {@link LessonCopy} of each lesson, and when its next reminder
 * is due ({@code remindAt}, null when none is left). Reminders are claimed with the shared {@link Lease}, so of
 * several replicas one writes a lesson's reminder mails; every event that changes the lesson also lets go of any
 * claim, so a reminder run that raced a move cannot write its stale {@code remindAt} back.
 */
@ApplicationScoped
public class LessonCopies {

    static final Duration DAY_BEFORE = Duration.ofHours(24);
    static final Duration HOUR_BEFORE = Duration.ofHours(1);

    private final MongoCollection<Document> collection;

    LessonCopies(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.collection = mongo.getDatabase(database).getCollection("lesson_copies");
    }

    void createIndexes(@Observes StartupEvent start) {
        // Speed only: finding the reminders that are due.
        collection.createIndex(Indexes.ascending("remindAt"));
    }

    public Optional<LessonCopy> find(String lessonId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", lessonId)).first()).map(LessonCopy::of);
    }

    /**
     * What applying a {@code lesson.scheduled} did.
     *
     * @param applied whether it changed the copy (false for a stale revision, or one another replica stored first)
     * @param before  the copy as it was before, null for a lesson new to the gateway
     */
    record Scheduling(boolean applied, LessonCopy before) {
    }

    /** Applies a booking or a move unless the same or a later revision of the lesson was applied already. */
    Scheduling schedule(LessonEvents.LessonScheduled scheduled, Instant now) {
        LessonCopy before = find(scheduled.occurrenceId()).orElse(null);
        Bson update = Updates.combine(Updates.set("seriesId", scheduled.seriesId()),
                Updates.set("teacherId", scheduled.teacherId()), Updates.set("studentIds", scheduled.studentIds()),
                Updates.set("title", scheduled.title()), Updates.set("startsAt", Date.from(scheduled.startsAt())),
                Updates.set("endsAt", Date.from(scheduled.endsAt())), Updates.set("sequence", scheduled.sequence()),
                Updates.set("cancelled", false), Updates.set("remindAt", date(firstReminder(scheduled.startsAt(), now))),
                Lease.letGo());
        try {
            if (before == null) {
                collection.updateOne(Filters.eq("_id", scheduled.occurrenceId()), update, new UpdateOptions().upsert(true));
                return new Scheduling(true, null);
            }
            long changed = collection.updateOne(Filters.and(Filters.eq("_id", scheduled.occurrenceId()),
                    Filters.lt("sequence", scheduled.sequence())), update).getMatchedCount();
            return new Scheduling(changed == 1, before);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return new Scheduling(false, null); // another replica stored this lesson in between
        }
    }

    /** Marks the lesson cancelled (no more reminders); empty when the gateway never learnt of it. */
    Optional<LessonCopy> cancel(LessonEvents.LessonCancelled cancelled) {
        return update(cancelled.occurrenceId(), Updates.combine(Updates.set("cancelled", true),
                Updates.max("sequence", cancelled.sequence()), Updates.set("remindAt", null), Lease.letGo()));
    }

    Optional<LessonCopy> roomReady(LessonEvents.LessonRoomReady ready) {
        return update(ready.occurrenceId(), Updates.set("joinLink", ready.joinLink()));
    }

    /** Claims the lessons whose reminder is due at {@code now}, until {@code until}, at most {@code limit}. */
    Lease.Held<List<Document>> claimDueReminders(Instant now, Instant until, int limit) {
        Bson due = Filters.and(Filters.ne("remindAt", null), Filters.lte("remindAt", Date.from(now)),
                Filters.ne("cancelled", true));
        List<Object> ids = collection.find(Filters.and(due, Lease.free(now))).limit(limit)
                .map(document -> document.get("_id")).into(new ArrayList<>());
        return Lease.on(collection).claimEach(ids, due, null, now, until);
    }

    /** The reminder was written to the outbox: the next one (or none) is due at {@code next}. */
    void reminded(String lessonId, String token, Instant next) {
        Lease.on(collection).release(lessonId, token, Updates.set("remindAt", date(next)));
    }

    /** The first reminder still ahead at {@code now}: the day before, else the hour before, else none. */
    static Instant firstReminder(Instant startsAt, Instant now) {
        Instant dayBefore = startsAt.minus(DAY_BEFORE);
        Instant hourBefore = startsAt.minus(HOUR_BEFORE);
        return dayBefore.isAfter(now) ? dayBefore : hourBefore.isAfter(now) ? hourBefore : null;
    }

    private Optional<LessonCopy> update(String lessonId, Bson update) {
        return Optional.ofNullable(collection.findOneAndUpdate(Filters.eq("_id", lessonId), update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(LessonCopy::of);
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
