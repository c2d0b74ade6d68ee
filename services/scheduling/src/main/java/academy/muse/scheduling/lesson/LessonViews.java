package academy.muse.scheduling.lesson;

import academy.muse.platform.security.Roles;
import academy.muse.scheduling.accounts.AccountZone;
import academy.muse.scheduling.config.SchedulingConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Turns stored lessons into what a viewer sees, in the viewer's zone and each participant's. */
@ApplicationScoped
public class LessonViews {

    private final SchedulingConfig config;
    private final Clock clock;

    LessonViews(SchedulingConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    public LessonView view(Lesson lesson, ZoneId viewer) {
        return views(List.of(lesson), viewer).get(0);
    }

    public List<LessonView> views(Collection<Lesson> lessons, ZoneId viewer) {
        Set<String> accounts = new HashSet<>();
        lessons.forEach(lesson -> {
            accounts.add(lesson.teacherId);
            accounts.addAll(lesson.studentIds);
        });
        Map<String, String> zones = accounts.isEmpty() ? Map.of() : AccountZone.zonesOf(accounts);
        Instant now = clock.instant();
        return lessons.stream().map(lesson -> view(lesson, viewer, zones, now)).toList();
    }

    private LessonView view(Lesson lesson, ZoneId viewer, Map<String, String> zones, Instant now) {
        List<LessonView.ParticipantTimes> participants = new ArrayList<>();
        participants.add(participant(lesson, lesson.teacherId, Roles.TEACHER, zones));
        lesson.studentIds.forEach(student -> participants.add(participant(lesson, student, Roles.STUDENT, zones)));
        return new LessonView(lesson.id, lesson.seriesId, lesson.title, lesson.teacherId, lesson.studentIds,
                lesson.state, roomStatus(lesson, now), lesson.roomCode, lesson.joinLink, lesson.roomIssueError,
                lesson.startsAt, lesson.endsAt, lesson.duration().toMinutes(), lesson.zone,
                localTimes(lesson, viewer), participants, replay(lesson), lesson.cancelReason);
    }

    private LessonView.RoomStatus roomStatus(Lesson lesson, Instant now) {
        if (lesson.roomCode != null) {
            return LessonView.RoomStatus.READY;
        }
        boolean due = !now.isBefore(lesson.startsAt.minus(config.roomLeadTime())) && now.isBefore(lesson.endsAt);
        return due && lesson.state == LessonState.SCHEDULED ? LessonView.RoomStatus.PENDING : LessonView.RoomStatus.NONE;
    }

    private static LessonView.ParticipantTimes participant(Lesson lesson, String accountId, String role,
                                                           Map<String, String> zones) {
        ZoneId zone = ZoneId.of(zones.getOrDefault(accountId, lesson.zone));
        LessonView.LocalTimes local = localTimes(lesson, zone);
        return new LessonView.ParticipantTimes(accountId, role, local.zone(), local.startsAt(), local.endsAt());
    }

    static LessonView.LocalTimes localTimes(Lesson lesson, ZoneId zone) {
        return new LessonView.LocalTimes(zone.getId(),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(lesson.startsAt.atZone(zone)),
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(lesson.endsAt.atZone(zone)),
                lesson.startsAt.atZone(zone).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
    }

    private static LessonView.ReplayView replay(Lesson lesson) {
        if (lesson.replays.isEmpty()) {
            return null;
        }
        Lesson.Replay latest = lesson.replays.get(lesson.replays.size() - 1);
        return new LessonView.ReplayView(latest.assetId, latest.kind, latest.title, latest.durationSeconds);
    }
}
