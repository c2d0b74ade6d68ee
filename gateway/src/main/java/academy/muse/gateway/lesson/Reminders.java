package academy.muse.gateway.lesson;

import academy.muse.platform.lease.Lease;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Writes the reminders 24 h and 1 h before each lesson into the mail outbox. Every replica runs it; a lesson whose
 * reminder is due is claimed with the shared {@link Lease}, so one replica writes it, and a replica that dies
 * mid-way loses its claim to another, which writes the same mails again under the same ids (stored once). A
 * reminder found late (the gateway was down) is written as long as the lesson has not started; the day-before one
 * is skipped once the hour-before one is due.
 */
@ApplicationScoped
public class Reminders {

    private static final Logger LOG = Logger.getLogger(Reminders.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int BATCH = 100;

    private final LessonCopies copies;
    private final LessonMails mails;
    private final Clock clock;

    Reminders(LessonCopies copies, LessonMails mails, Clock clock) {
        this.copies = copies;
        this.mails = mails;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.mail.remind-every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void remindOnSchedule() {
        remindDue(clock.instant());
    }

    /** Writes the reminders due at {@code now}; returns for how many lessons. */
    public int remindDue(Instant now) {
        Lease.Held<java.util.List<Document>> held = copies.claimDueReminders(now, now.plus(LEASE), BATCH);
        for (Document claimed : held.value()) {
            LessonCopy lesson = LessonCopy.of(claimed);
            Instant hourBefore = lesson.startsAt().minus(LessonCopies.HOUR_BEFORE);
            if (now.isBefore(lesson.startsAt())) {
                mails.remind(lesson, now.isBefore(hourBefore) ? LessonMails.Reminder.DAY : LessonMails.Reminder.HOUR);
                LOG.infof("Reminded the participants of lesson %s", lesson.id());
            }
            copies.reminded(lesson.id(), held.token(), now.isBefore(hourBefore) ? hourBefore : null);
        }
        return held.value().size();
    }
}
