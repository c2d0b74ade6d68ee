package academy.muse.rooms.room;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JoinWindowTest {

    private static final Instant START = Instant.parse("2026-03-03T09:00:00Z");
    private static final Duration EMPTY_CLOSE = Duration.ofMinutes(10);
    private static final JoinWindow LESSON =
            JoinWindow.of(START, START.plus(Duration.ofMinutes(45)), Duration.ofMinutes(10), Duration.ofMinutes(15));

    private static Instant at(String hhmm) {
        return Instant.parse("2026-03-03T" + hhmm + ":00Z");
    }

    private static Presence leftAt(String hhmm) {
        return new Presence(true, true, at(hhmm), null);
    }

    private static final Presence SOMEONE_THERE = new Presence(true, false, null, null);

    @Test
    void aRoomOpensTenMinutesBeforeTheLessonStarts() {
        assertThat(LESSON.state(at("08:49"), Presence.NOBODY_YET, EMPTY_CLOSE)).isEqualTo(JoinWindow.SCHEDULED);
        assertThat(LESSON.state(at("08:50"), Presence.NOBODY_YET, EMPTY_CLOSE)).isEqualTo(JoinWindow.OPEN);
    }

    @Test
    void aRoomStaysOpenFifteenMinutesAfterTheLessonEndsThenClosesAsEnded() {
        assertThat(LESSON.state(at("09:59"), SOMEONE_THERE, EMPTY_CLOSE)).isEqualTo(JoinWindow.OPEN);
        assertThat(LESSON.state(at("10:00"), SOMEONE_THERE, EMPTY_CLOSE)).isEqualTo(JoinWindow.CLOSED);
        assertThat(LESSON.closing(at("10:07"), SOMEONE_THERE, EMPTY_CLOSE))
                .contains(new JoinWindow.Closing(at("10:00"), JoinWindow.REASON_ENDED));
    }

    @Test
    void aRoomThatEveryoneLeftClosesAfterTenEmptyMinutes() {
        assertThat(LESSON.closing(at("09:39"), leftAt("09:30"), EMPTY_CLOSE)).isEmpty();
        assertThat(LESSON.closing(at("09:41"), leftAt("09:30"), EMPTY_CLOSE))
                .contains(new JoinWindow.Closing(at("09:40"), JoinWindow.REASON_EMPTY));
    }

    @Test
    void leavingAfterASoundCheckBeforeTheStartDoesNotCloseTheRoom() {
        assertThat(LESSON.state(at("09:05"), leftAt("08:52"), EMPTY_CLOSE)).isEqualTo(JoinWindow.OPEN);
        assertThat(LESSON.closing(at("09:10"), leftAt("08:52"), EMPTY_CLOSE))
                .contains(new JoinWindow.Closing(at("09:10"), JoinWindow.REASON_EMPTY));
    }

    @Test
    void aLessonNobodyCameToClosesWhenItsWindowEnds() {
        assertThat(LESSON.closing(at("09:50"), Presence.NOBODY_YET, EMPTY_CLOSE)).isEmpty();
        assertThat(LESSON.closing(at("10:00"), Presence.NOBODY_YET, EMPTY_CLOSE))
                .contains(new JoinWindow.Closing(at("10:00"), JoinWindow.REASON_ENDED));
    }

    @Test
    void aRoomEmptiedShortlyBeforeItsEndClosesAsEndedNotLater() {
        assertThat(LESSON.closing(at("10:00"), leftAt("09:55"), EMPTY_CLOSE))
                .contains(new JoinWindow.Closing(at("10:00"), JoinWindow.REASON_ENDED));
    }

    @Test
    void aClosedRoomStaysClosed() {
        Presence closedEarly = new Presence(true, true, at("09:10"), at("09:20"));
        assertThat(LESSON.state(at("09:21"), closedEarly, EMPTY_CLOSE)).isEqualTo(JoinWindow.CLOSED);
    }
}
