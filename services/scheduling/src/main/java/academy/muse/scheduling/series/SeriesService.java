package academy.muse.scheduling.series;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.BookingRules;
import academy.muse.scheduling.lesson.Clashes;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonQueries;
import academy.muse.scheduling.lesson.LessonRequests;
import academy.muse.scheduling.lesson.LessonService;
import academy.muse.scheduling.lesson.LessonState;
import academy.muse.scheduling.lesson.Zones;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Books weekly series and keeps their occurrences materialised up to the horizon, so that each occurrence
 * is a stored lesson that can be moved, cancelled and given a room on its own.
 */
@ApplicationScoped
public class SeriesService {

    private static final Logger LOG = Logger.getLogger(SeriesService.class);

    private final SchedulingConfig config;
    private final BookingRules rules;
    private final Clashes clashes;
    private final Clock clock;
    private final LessonService lessons;

    SeriesService(SchedulingConfig config, BookingRules rules, Clashes clashes, LessonService lessons, Clock clock) {
        this.clock = clock;
        this.config = config;
        this.rules = rules;
        this.clashes = clashes;
        this.lessons = lessons;
    }

    public record BookedSeries(Series series, List<Lesson> occurrences, List<Clashes.Warning> warnings) {
    }

    public BookedSeries book(Caller teacher, SeriesRequests.BookSeries request) {
        ZoneId zone = Zones.require(request.zone());
        Series series = new Series();
        series.id = "s-" + UUID.randomUUID();
        series.teacherId = teacher.id();
        series.studentIds = new ArrayList<>(rules.students(teacher, request.studentIds()));
        series.title = request.title();
        series.zone = zone.getId();
        series.startDate = request.startDate().toString();
        series.time = request.time().toString();
        series.weekdays = request.weekdays().stream().sorted().map(DayOfWeek::name).toList();
        series.intervalWeeks = request.intervalWeeks() == null ? 1 : request.intervalWeeks();
        series.durationMinutes = (int) rules.duration(request.durationMinutes()).toMinutes();
        series.endDate = request.endDate() == null ? null : request.endDate().toString();
        series.count = request.count();
        series.createdAt = clock.instant();
        checkEnd(series, request);

        LocalDate horizon = horizonEnd(zone);
        List<Lesson> occurrences = materialise(series, request.startDate(), horizon);
        if (occurrences.isEmpty() && !hasFutureOccurrence(series)) {
            throw ProblemException.unprocessable("no-occurrences",
                    "This series has no occurrence from now on; check its weekdays, start and end");
        }
        List<Clashes.Warning> warnings = clashes.check(series.teacherId, series.studentIds, slots(occurrences), List.of());
        series.materialisedUntil = horizon.toString();
        series.persist();
        lessons.store(occurrences);
        LOG.infof("Booked series %s with %d occurrence(s) materialised until %s", series.id, occurrences.size(), horizon);
        return new BookedSeries(series, occurrences, warnings);
    }

    /** Changes the time of day, duration or title of this occurrence and all that follow it. */
    public LessonService.Booked changeFollowing(Caller teacher, String lessonId, LessonRequests.ChangeLesson change) {
        // Issued rooms move one lesson at a time (scope=this); the following ones change only before their rooms exist.
        Lesson from = LessonService.movable(lessons.ownedBy(teacher, lessonId), LessonState.SCHEDULED);
        Series series = seriesOf(from);
        if (change.start() != null || change.zone() != null) {
            throw ProblemException.unprocessable("start-needs-this",
                    "'start' and 'zone' move one lesson (scope=this); for the following ones change 'time'");
        }
        LocalTime time = change.time() == null ? LocalTime.parse(series.time) : change.time();
        Duration duration = change.durationMinutes() == null ? Duration.ofMinutes(series.durationMinutes)
                : rules.duration(change.durationMinutes());
        series.time = time.toString();
        series.durationMinutes = (int) duration.toMinutes();
        series.title = change.title() == null ? series.title : change.title();
        SeriesRule rule = series.rule();

        List<Lesson> following = upcomingFrom(from, LessonState.SCHEDULED);
        following.forEach(lesson -> {
            SeriesRule.Occurrence moved = rule.occurrence(0, lesson.seriesLocalDate());
            lesson.startsAt = moved.startsAt();
            lesson.endsAt = moved.endsAt();
            lesson.zone = series.zone;
            lesson.title = series.title;
        });
        List<Clashes.Warning> warnings = clashes.check(series.teacherId, series.studentIds, slots(following),
                following.stream().map(lesson -> lesson.id).toList());
        series.update();
        List<Lesson> changed = following.stream().filter(lesson -> lessons.reschedule(lesson, change.reason())).toList();
        return new LessonService.Booked(changed, warnings);
    }

    /** Cancels this occurrence and all that follow; the series ends the day before it. */
    public List<Lesson> cancelFollowing(Caller teacher, String lessonId, String reason) {
        Lesson from = lessons.ownedBy(teacher, lessonId);
        Series series = seriesOf(from);
        LocalDate lastDate = from.seriesLocalDate().minusDays(1);
        if (series.endDate == null || LocalDate.parse(series.endDate).isAfter(lastDate)) {
            series.endDate = lastDate.toString();
        }
        series.update();
        return lessons.cancel(upcomingFrom(from, LessonState.SCHEDULED, LessonState.ROOM_READY), reason);
    }

    /** Ends a series now: every occurrence that has not started yet is cancelled. */
    public List<Lesson> end(Caller teacher, String seriesId, String reason) {
        Series series = ownedBy(teacher, seriesId);
        series.endedAt = clock.instant();
        series.endDate = LocalDate.now(clock.withZone(ZoneId.of(series.zone))).toString();
        series.update();
        List<Lesson> upcoming = Lesson.<Lesson>mongoCollection().find(Filters.and(Filters.eq("seriesId", seriesId),
                Filters.gt("startsAt", Date.from(clock.instant())),
                LessonQueries.inStates(LessonState.SCHEDULED, LessonState.ROOM_READY))).into(new ArrayList<>());
        return lessons.cancel(upcoming, reason == null ? "series ended" : reason);
    }

    public Series ownedBy(Caller teacher, String seriesId) {
        Series series = visibleTo(teacher, seriesId);
        if (!series.teacherId.equals(teacher.id())) {
            throw ProblemException.forbidden("Only the series' teacher may change it");
        }
        return series;
    }

    public Series visibleTo(Caller caller, String seriesId) {
        Series series = Series.<Series>mongoCollection().find(Filters.and(Filters.eq("_id", seriesId),
                LessonQueries.visibleTo(caller.id(), caller.observes()))).first();
        if (series == null) {
            throw ProblemException.notFound("Series " + seriesId);
        }
        return series;
    }

    public List<Lesson> occurrences(String seriesId) {
        return Lesson.<Lesson>mongoCollection().find(Filters.eq("seriesId", seriesId)).sort(Sorts.ascending("startsAt"))
                .into(new ArrayList<>());
    }

    /** Materialises every active series' occurrences up to the horizon; returns how many were added. */
    public int extendHorizons() {
        LocalDate latestHorizon = LocalDate.now(clock.withZone(ZoneId.of("UTC"))).plusWeeks(config.horizonWeeks()).plusDays(1);
        List<Series> behind = Series.<Series>mongoCollection().find(Filters.and(Filters.eq("endedAt", null),
                Filters.lt("materialisedUntil", latestHorizon.toString()))).into(new ArrayList<>());
        int added = 0;
        for (Series series : behind) {
            LocalDate horizon = horizonEnd(ZoneId.of(series.zone));
            LocalDate from = LocalDate.parse(series.materialisedUntil);
            if (!from.isBefore(horizon)) {
                continue;
            }
            List<Lesson> occurrences = materialise(series, from, horizon);
            lessons.store(occurrences);
            Series.<Series>mongoCollection().updateOne(Filters.eq("_id", series.id),
                    Updates.set("materialisedUntil", horizon.toString()));
            added += occurrences.size();
        }
        return added;
    }

    private List<Lesson> materialise(Series series, LocalDate from, LocalDate before) {
        Instant now = clock.instant();
        return series.rule().between(from, before).stream()
                .filter(occurrence -> occurrence.startsAt().isAfter(now))
                .map(occurrence -> occurrenceOf(series, occurrence, now))
                .toList();
    }

    private static Lesson occurrenceOf(Series series, SeriesRule.Occurrence occurrence, Instant now) {
        Lesson lesson = LessonService.newLesson(series.teacherId, series.studentIds, series.title,
                ZoneId.of(series.zone), occurrence.startsAt(), occurrence.endsAt(), now);
        lesson.id = series.id + "-" + occurrence.date().format(DateTimeFormatter.BASIC_ISO_DATE);
        lesson.seriesId = series.id;
        lesson.seriesDate = occurrence.date().toString();
        return lesson;
    }

    private void checkEnd(Series series, SeriesRequests.BookSeries request) {
        if (request.endDate() == null && request.count() == null) {
            throw ProblemException.unprocessable("series-end-missing", "A series ends on an 'endDate' or after 'count' lessons");
        }
        if (request.endDate() != null && request.count() != null) {
            throw ProblemException.unprocessable("series-end-ambiguous", "Give either 'endDate' or 'count', not both");
        }
        if (request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            throw ProblemException.unprocessable("end-before-start",
                    "The series ends (%s) before it starts (%s)".formatted(request.endDate(), request.startDate()));
        }
        LocalDate latest = request.startDate().plusYears(config.maxSeriesYears());
        LocalDate last = series.rule().lastDate(latest.plusDays(1));
        if ((request.endDate() != null && request.endDate().isAfter(latest)) || (last != null && last.isAfter(latest))) {
            throw ProblemException.unprocessable("series-too-long",
                    "A series may run for at most %d years; book a new one after that".formatted(config.maxSeriesYears()));
        }
    }

    private boolean hasFutureOccurrence(Series series) {
        LocalDate start = LocalDate.parse(series.startDate);
        Instant now = clock.instant();
        return series.rule().between(start, start.plusYears(config.maxSeriesYears()).plusDays(1)).stream()
                .anyMatch(occurrence -> occurrence.startsAt().isAfter(now));
    }

    private LocalDate horizonEnd(ZoneId zone) {
        return LocalDate.now(clock.withZone(zone)).plusWeeks(config.horizonWeeks());
    }

    private Series seriesOf(Lesson lesson) {
        if (lesson.seriesId == null) {
            throw ProblemException.unprocessable("not-a-series", "Lesson " + lesson.id + " is a single lesson, not part of a series");
        }
        Series series = Series.findById(lesson.seriesId);
        if (series == null) {
            throw ProblemException.notFound("Series " + lesson.seriesId);
        }
        return series;
    }

    private static List<Lesson> upcomingFrom(Lesson from, LessonState... states) {
        Bson filter = Filters.and(Filters.eq("seriesId", from.seriesId), Filters.gte("seriesDate", from.seriesDate),
                LessonQueries.inStates(states));
        return Lesson.<Lesson>mongoCollection().find(filter).sort(Sorts.ascending("startsAt")).into(new ArrayList<>());
    }

    private static List<Clashes.Slot> slots(List<Lesson> occurrences) {
        return occurrences.stream().map(lesson -> new Clashes.Slot(lesson.startsAt, lesson.endsAt)).toList();
    }
}
