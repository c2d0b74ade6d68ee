package academy.muse.gateway.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.inbox.Inbox;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Tells people what happened to their lessons: consumes scheduling's {@code lesson.*} events (subscription
 * {@code muse.lesson::gateway.muse.lesson}, through the idempotent {@link Inbox}), keeps the gateway's
 * {@link LessonCopy} of each lesson and writes the mails. Reminders are written later by {@link Reminders}.
 */
@ApplicationScoped
public class LessonNotices {

    private static final Logger LOG = Logger.getLogger(LessonNotices.class);
    private static final Duration SERIES_NOTICE = Duration.ofDays(7);

    private final Inbox inbox;
    private final LessonCopies copies;
    private final LessonMails mails;
    private final Clock clock;

    LessonNotices(Inbox inbox, LessonCopies copies, LessonMails mails, Clock clock) {
        this.inbox = inbox;
        this.copies = copies;
        this.mails = mails;
        this.clock = clock;
    }

    @Incoming("lesson-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(
                Inbox.on(Events.LESSON_SCHEDULED, this::scheduled),
                Inbox.on(Events.LESSON_CANCELLED, this::cancelled),
                Inbox.on(Events.LESSON_ROOM_READY, this::roomReady),
                Inbox.on(Events.LESSON_REPLAY_READY, this::replayReady)));
    }

    void scheduled(LessonEvents.LessonScheduled scheduled) {
        LessonCopies.Scheduling applied = copies.schedule(scheduled, clock.instant());
        if (!applied.applied()) {
            return;
        }
        LessonCopy now = copies.find(scheduled.occurrenceId()).orElseThrow();
        if (applied.before() == null) {
            // A series materialises its occurrences weeks ahead: each one's reminder carries it to the calendar,
            // rather than one mail per occurrence now.
            if (now.seriesId() == null) {
                mails.booked(now);
            }
        } else if (movedSoonEnough(applied.before(), now)) {
            mails.moved(now, applied.before(), scheduled.reason());
            LOG.infof("Lesson %s moved: participants told", now.id());
        }
    }

    /**
     * Whether a change of time is worth a mail: always for a single lesson; for a series occurrence only within
     * {@link #SERIES_NOTICE} of now (moving "this and the following" would otherwise mail every week of the
     * horizon at once; the calendar feed and the reminders carry the later ones).
     */
    private boolean movedSoonEnough(LessonCopy before, LessonCopy now) {
        boolean moved = !before.startsAt().equals(now.startsAt()) || !before.endsAt().equals(now.endsAt());
        Instant soon = clock.instant().plus(SERIES_NOTICE);
        return moved && (now.seriesId() == null || before.startsAt().isBefore(soon) || now.startsAt().isBefore(soon));
    }

    void cancelled(LessonEvents.LessonCancelled cancelled) {
        copies.cancel(cancelled).ifPresentOrElse(lesson -> mails.cancelled(lesson, cancelled.reason()),
                () -> LOG.warnf("Lesson %s cancelled before the gateway learnt of it; nobody to tell",
                        cancelled.occurrenceId()));
    }

    void roomReady(LessonEvents.LessonRoomReady ready) {
        copies.roomReady(ready).ifPresent(mails::roomReady);
    }

    void replayReady(LessonEvents.LessonReplayReady replay) {
        copies.find(replay.occurrenceId()).ifPresent(mails::replayReady);
    }
}
