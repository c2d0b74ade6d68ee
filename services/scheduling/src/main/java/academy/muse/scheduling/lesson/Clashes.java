package academy.muse.scheduling.lesson;

import academy.muse.contracts.problem.ProblemException;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Double-booking: a teacher cannot teach two lessons at once (409 naming the clashing lesson, their own); a
 * student who already has a lesson then (with another teacher) is only warned about, since they may choose.
 */
@ApplicationScoped
public class Clashes {

    /** A time a lesson would take. */
    public record Slot(Instant startsAt, Instant endsAt) {
    }

    /**
     * A student already booked at that time, with another teacher: only the times are told, never that lesson's id
     * or title, which belong to the other teacher.
     */
    public record Warning(String studentId, Instant startsAt, Instant endsAt, String message) {
    }

    /**
     * Throws 409 when the teacher is already booked during any slot; returns the students' clashes.
     *
     * @param ignoredLessons lessons being replaced by these slots (a move), which cannot clash with them
     */
    public List<Warning> check(String teacherId, Collection<String> studentIds, List<Slot> slots,
                               Collection<String> ignoredLessons) {
        if (slots.isEmpty()) {
            return List.of();
        }
        Instant from = slots.stream().map(Slot::startsAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant before = slots.stream().map(Slot::endsAt).max(Comparator.naturalOrder()).orElseThrow();
        List<Lesson> booked = Lesson.<Lesson>mongoCollection().find(Filters.and(
                LessonQueries.overlapping(from, before), LessonQueries.notCancelled(),
                Filters.nin("_id", ignoredLessons),
                Filters.or(Filters.eq("teacherId", teacherId), Filters.in("studentIds", studentIds))))
                .into(new ArrayList<>());
        List<Warning> warnings = new ArrayList<>();
        for (Slot slot : slots) {
            for (Lesson lesson : booked) {
                if (!lesson.overlaps(slot.startsAt(), slot.endsAt())) {
                    continue;
                }
                if (lesson.teacherId.equals(teacherId)) {
                    throw ProblemException.conflict("teacher-double-booked",
                            "You already teach '%s' (lesson %s) from %s to %s, which overlaps %s to %s"
                                    .formatted(lesson.title, lesson.id, lesson.startsAt, lesson.endsAt,
                                            slot.startsAt(), slot.endsAt()));
                }
                lesson.studentIds.stream().filter(studentIds::contains).forEach(student -> warnings.add(
                        new Warning(student, lesson.startsAt, lesson.endsAt,
                                "Student %s already has a lesson from %s to %s".formatted(student,
                                        lesson.startsAt, lesson.endsAt))));
            }
        }
        return warnings;
    }
}
