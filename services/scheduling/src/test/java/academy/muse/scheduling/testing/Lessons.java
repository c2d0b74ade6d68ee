package academy.muse.scheduling.testing;

import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonService;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Lessons straight into the real store, and a look at what scheduling published. */
public final class Lessons {

    private Lessons() {
    }

    /** A lesson of its own teacher and student that starts {@code in} from now. */
    public static Lesson dueIn(Duration in) {
        Instant startsAt = Instant.now().plus(in).truncatedTo(ChronoUnit.SECONDS);
        Lesson lesson = LessonService.newLesson(Api.id("teacher"), List.of(Api.id("student")), "Due lesson",
                ZoneOffset.UTC, startsAt, startsAt.plus(Duration.ofMinutes(45)), Instant.now());
        lesson.id = Api.id("l");
        lesson.persist();
        return lesson;
    }

    /** Local wall time in UTC, {@code in} from now, as a booking's {@code start}. */
    public static String utcStartIn(Duration in) {
        return LocalDateTime.now(ZoneOffset.UTC).plus(in).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    public static Lesson reload(String id) {
        return Lesson.findById(id);
    }

    /** How many events of this type about this lesson wait in (or went out through) the outbox. */
    public static long published(MongoClient mongo, String type, String lessonId) {
        return mongo.getDatabase("scheduling").getCollection("outbox")
                .countDocuments(Filters.and(Filters.eq("type", type), Filters.eq("subject", lessonId)));
    }
}
