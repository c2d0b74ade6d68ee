package academy.muse.scheduling.config;

import academy.muse.scheduling.accounts.StudentObserver;
import academy.muse.scheduling.calendar.CalendarToken;
import academy.muse.scheduling.lesson.Lesson;
import com.mongodb.client.model.Indexes;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The indexes scheduling's queries rely on in a real MongoDB: the issuer's due query, each person's lessons
 * by time, a series' occurrences, a room code's lesson. Creating an index that exists is a no-op.
 */
@ApplicationScoped
public class StoreIndexes {

    void create(@Observes StartupEvent startup) {
        var lessons = Lesson.mongoCollection();
        lessons.createIndex(Indexes.ascending("state", "startsAt"));
        lessons.createIndex(Indexes.ascending("teacherId", "startsAt"));
        lessons.createIndex(Indexes.ascending("studentIds", "startsAt"));
        lessons.createIndex(Indexes.ascending("seriesId", "seriesDate"));
        lessons.createIndex(Indexes.ascending("roomCode"));
        CalendarToken.mongoCollection().createIndex(Indexes.ascending("accountId"));
        StudentObserver.mongoCollection().createIndex(Indexes.ascending("studentId"));
    }
}
