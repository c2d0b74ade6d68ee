package academy.muse.scheduling.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Books, moves, cancels and finds lessons; knows nothing of HTTP. */
@ApplicationScoped
public class LessonService {

    private static final Logger LOG = Logger.getLogger(LessonService.class);
    private static final int PAGE = 500;

    private final BookingRules rules;
    private final Clashes clashes;
    private final EventPublisher publisher;
    private final IssuedRooms rooms;
    private final Clock clock;

    LessonService(BookingRules rules, Clashes clashes, EventPublisher publisher, IssuedRooms rooms, Clock clock) {
        this.clock = clock;
        this.rules = rules;
        this.clashes = clashes;
        this.publisher = publisher;
        this.rooms = rooms;
    }

    /** Lessons just stored (or changed) and the students' clashes the teacher should know about. */
    public record Booked(List<Lesson> lessons, List<Clashes.Warning> warnings) {
    }

    public Booked bookSingle(Caller teacher, LessonRequests.BookLesson request) {
        ZoneId zone = Zones.require(request.zone());
        List<String> students = rules.students(teacher, request.studentIds());
        Duration duration = rules.duration(request.durationMinutes());
        Instant startsAt = request.start().atZone(zone).toInstant();
        if (startsAt.isBefore(clock.instant())) {
            throw ProblemException.unprocessable("start-in-the-past", "The lesson would start in the past: " + startsAt);
        }
        Lesson lesson = newLesson(teacher.id(), students, request.title(), zone, startsAt, startsAt.plus(duration),
                clock.instant());
        lesson.id = "l-" + UUID.randomUUID();
        List<Clashes.Warning> warnings = clashes.check(teacher.id(), students,
                List.of(new Clashes.Slot(lesson.startsAt, lesson.endsAt)), List.of());
        store(List.of(lesson));
        return new Booked(List.of(lesson), warnings);
    }

    public static Lesson newLesson(String teacherId, List<String> students, String title, ZoneId zone,
                                   Instant startsAt, Instant endsAt, Instant createdAt) {
        Lesson lesson = new Lesson();
        lesson.teacherId = teacherId;
        lesson.studentIds = new ArrayList<>(students);
        lesson.title = title;
        lesson.zone = zone.getId();
        lesson.startsAt = startsAt;
        lesson.endsAt = endsAt;
        lesson.createdAt = createdAt;
        return lesson;
    }

    /** Stores new occurrences (an id stored before is kept as it was) and announces each. */
    public void store(List<Lesson> lessons) {
        for (Lesson lesson : lessons) {
            try {
                lesson.persist();
                announce(lesson, null);
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
    }

    /**
     * Moves, lengthens or renames one upcoming occurrence, also once its room is issued: then rooms moves the room
     * first (same code and link), and only if it did is the lesson stored, so the two never disagree for long.
     */
    public Booked changeOne(Caller teacher, String lessonId, LessonRequests.ChangeLesson change) {
        Lesson lesson = movable(ownedBy(teacher, lessonId), LessonState.SCHEDULED, LessonState.ROOM_READY);
        if (change.time() != null) {
            throw ProblemException.unprocessable("time-needs-following",
                    "'time' changes a series from this occurrence on (scope=following); use 'start' for one lesson");
        }
        ZoneId zone = change.zone() == null ? ZoneId.of(lesson.zone) : Zones.require(change.zone());
        Duration duration = change.durationMinutes() == null ? lesson.duration() : rules.duration(change.durationMinutes());
        Instant startsAt = change.start() == null ? lesson.startsAt : change.start().atZone(zone).toInstant();
        if (change.start() != null && startsAt.isBefore(clock.instant())) {
            throw ProblemException.unprocessable("start-in-the-past", "The lesson would start in the past: " + startsAt);
        }
        List<Clashes.Warning> warnings = clashes.check(lesson.teacherId, lesson.studentIds,
                List.of(new Clashes.Slot(startsAt, startsAt.plus(duration))), List.of(lesson.id));
        lesson.zone = zone.getId();
        lesson.startsAt = startsAt;
        lesson.endsAt = startsAt.plus(duration);
        if (change.title() != null) {
            lesson.title = change.title();
        }
        boolean roomIssued = lesson.roomCode != null;
        if (roomIssued) {
            rooms.follow(lesson);
        }
        if (!reschedule(lesson, change.reason())) {
            if (roomIssued) {
                followStored(lesson.id);
            }
            throw ProblemException.conflict("lesson-not-movable", "Lesson " + lesson.id + " changed meanwhile; try again");
        }
        return new Booked(List.of(lesson), warnings);
    }

    /** Puts the room back in step with the lesson as stored, after a move that lost a race had moved the room. */
    private void followStored(String lessonId) {
        Lesson stored = Lesson.findById(lessonId);
        if (stored == null || stored.state != LessonState.ROOM_READY) {
            return;
        }
        try {
            rooms.follow(stored);
        } catch (ProblemException e) {
            LOG.warnf("The room of lesson %s could not be put back to the lesson's stored time: %s", lessonId, e.getMessage());
        }
    }

    /**
     * Stores a lesson's new time and title (already set on it) if it is still as it was read (same state, same
     * revision), and announces it. A targeted update, so an issuer's claim on the same document is not overwritten.
     * {@code reason} (may be null) travels with the announcement to the participants.
     */
    public boolean reschedule(Lesson lesson, String reason) {
        int read = lesson.revision;
        lesson.revision++;
        long changed = Lesson.<Lesson>mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", lesson.id), LessonQueries.inStates(lesson.state), Filters.eq("revision", read)),
                Updates.combine(Updates.set("zone", lesson.zone), Updates.set("startsAt", Date.from(lesson.startsAt)),
                        Updates.set("endsAt", Date.from(lesson.endsAt)), Updates.set("title", lesson.title),
                        Updates.set("revision", lesson.revision))).getModifiedCount();
        if (changed == 1) {
            announce(lesson, reason);
        }
        return changed == 1;
    }

    /** Cancels upcoming lessons; lessons already under way or over are left as they are. */
    public List<Lesson> cancel(List<Lesson> lessons, String reason) {
        List<Lesson> cancelled = new ArrayList<>();
        for (Lesson lesson : lessons) {
            long changed = Lesson.<Lesson>mongoCollection().updateOne(
                    Filters.and(Filters.eq("_id", lesson.id),
                            LessonQueries.inStates(LessonState.SCHEDULED, LessonState.ROOM_READY)),
                    Updates.combine(Updates.set("state", LessonState.CANCELLED.name()),
                            Updates.set("cancelReason", reason), Updates.inc("revision", 1))).getModifiedCount();
            if (changed == 1) {
                lesson.state = LessonState.CANCELLED;
                lesson.cancelReason = reason;
                lesson.revision++;
                publisher.publish(Events.LESSON_CANCELLED, LessonEvents.LessonCancelled.eventId(lesson.id), lesson.id,
                        new LessonEvents.LessonCancelled(lesson.id, lesson.seriesId, lesson.teacherId, reason,
                                lesson.revision));
                cancelled.add(lesson);
            }
        }
        LOG.infof("Cancelled %d lesson(s): %s", cancelled.size(), reason);
        return cancelled;
    }

    /** The caller's lesson as its teacher; 404 when the caller may not see it, 403 when they only see it. */
    public Lesson ownedBy(Caller teacher, String lessonId) {
        Lesson lesson = visibleTo(teacher, lessonId);
        if (!lesson.teacherId.equals(teacher.id())) {
            throw ProblemException.forbidden("Only the lesson's teacher may change it");
        }
        return lesson;
    }

    public Lesson visibleTo(Caller caller, String lessonId) {
        Lesson lesson = Lesson.<Lesson>mongoCollection().find(Filters.and(Filters.eq("_id", lessonId),
                LessonQueries.visibleTo(caller.id(), caller.observes()))).first();
        if (lesson == null) {
            throw ProblemException.notFound("Lesson " + lessonId);
        }
        return lesson;
    }

    /** The lesson, if it is in one of these states; 409 {@code lesson-not-movable} otherwise. */
    public static Lesson movable(Lesson lesson, LessonState... states) {
        if (!List.of(states).contains(lesson.state)) {
            throw ProblemException.conflict("lesson-not-movable",
                    "Lesson %s is %s; only a lesson that is %s can be changed (cancel it instead)".formatted(lesson.id,
                            lesson.state.wire(), String.join(" or ", Stream.of(states).map(LessonState::wire).toList())));
        }
        return lesson;
    }

    /** Lessons the caller takes part in (or observes) that overlap {@code [from, before)}, earliest first. */
    public List<Lesson> between(Caller caller, Instant from, Instant before) {
        return find(Filters.and(LessonQueries.visibleTo(caller.id(), caller.observes()),
                LessonQueries.overlapping(from, before)), Sorts.ascending("startsAt"));
    }

    /** Lessons that are over (completed or missed, or past their end), latest first, with their replays. */
    public List<Lesson> history(Caller caller) {
        return find(Filters.and(LessonQueries.visibleTo(caller.id(), caller.observes()), LessonQueries.notCancelled(),
                Filters.or(LessonQueries.inStates(LessonState.COMPLETED, LessonState.MISSED),
                        Filters.lt("endsAt", Date.from(clock.instant())))), Sorts.descending("startsAt"));
    }

    private static List<Lesson> find(Bson filter, Bson sort) {
        return Lesson.<Lesson>mongoCollection().find(filter).sort(sort).limit(PAGE).into(new ArrayList<>());
    }

    private void announce(Lesson lesson, String reason) {
        publisher.publish(Events.LESSON_SCHEDULED, LessonEvents.LessonScheduled.eventId(lesson.id, lesson.revision), lesson.id,
                new LessonEvents.LessonScheduled(lesson.id, lesson.seriesId, lesson.teacherId, lesson.studentIds,
                        lesson.startsAt, lesson.endsAt, lesson.title, lesson.revision, reason));
    }
}
