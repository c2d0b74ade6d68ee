package academy.muse.scheduling.lesson;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** Who sees which lessons, as store filters: a teacher their own, a student theirs, an observer their student's. */
public final class LessonQueries {

    private LessonQueries() {
    }

    public static Bson visibleTo(String accountId, Collection<String> observedStudents) {
        return Filters.or(Filters.eq("teacherId", accountId), Filters.eq("studentIds", accountId),
                Filters.in("studentIds", observedStudents));
    }

    public static Bson overlapping(Instant from, Instant before) {
        return Filters.and(Filters.lt("startsAt", Date.from(before)), Filters.gt("endsAt", Date.from(from)));
    }

    public static Bson notCancelled() {
        return Filters.ne("state", LessonState.CANCELLED.name());
    }

    public static Bson inStates(LessonState... states) {
        return Filters.in("state", List.of(states).stream().map(Enum::name).toList());
    }
}
