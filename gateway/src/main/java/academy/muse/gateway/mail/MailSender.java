package academy.muse.gateway.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends due mail from the {@link MailOutbox} over SMTP (Quarkus Mailer), oldest first. Every replica runs it; the
 * outbox's claims make each mail go out through one sender only. When the SMTP server does not take a mail, the
 * mail waits (doubling waits up to {@link MailConfig#maxRetryAfter()}) and is tried again: nothing is dropped.
 */
@ApplicationScoped
public class MailSender {

    private static final Logger LOG = Logger.getLogger(MailSender.class);
    public static final String KIND_HEADER = "X-Muse-Mail-Kind";

    private final MailOutbox outbox;
    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();

    MailSender(MailOutbox outbox, ReactiveMailer mailer, MailConfig config, Clock clock) {
        this.outbox = outbox;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.mail.send-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendOnSchedule() {
        sendDue();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purgeSent() {
        outbox.purgeSentBefore(clock.instant().minus(config.retention()));
    }

    /** Sends up to one batch of due mail; returns how many went out. At most one run at a time per sender. */
    public int sendDue() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            Instant now = clock.instant();
            List<MailOutbox.Claimed> batch = outbox.claimDue(now, now.plus(config.lease()), config.batchSize());
            int sent = 0;
            for (MailOutbox.Claimed claimed : batch) {
                if (!send(claimed)) {
                    // The SMTP server is away: the rest of the batch goes back untried rather than failing one by one.
                    batch.subList(sent + 1, batch.size()).forEach(outbox::release);
                    break;
                }
                sent++;
            }
            return sent;
        } finally {
            running.set(false);
        }
    }

    private boolean send(MailOutbox.Claimed claimed) {
        OutgoingMail mail = claimed.mail();
        try {
            mailer.send(toMail(mail)).await().atMost(config.sendTimeout());
            outbox.markSent(mail.id(), clock.instant());
            LOG.infof("Sent mail %s (%s)", mail.id(), mail.kind());
            return true;
        } catch (RuntimeException e) {
            Instant retryAt = clock.instant().plus(retryAfter(claimed.attempts()));
            String error = e.getCause() == null ? e.toString() : e.getCause().toString();
            outbox.retryAt(claimed, retryAt, error);
            LOG.warnf("SMTP server did not take mail %s (%s, try %d); it waits in the outbox until %s: %s", mail.id(),
                    mail.kind(), claimed.attempts(), retryAt, error);
            return false;
        }
    }

    /** The wait after the given number of failed tries: the first wait, doubled per further try, capped. */
    Duration retryAfter(int attempts) {
        Duration wait = config.firstRetryAfter();
        for (int i = 1; i < attempts && wait.compareTo(config.maxRetryAfter()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxRetryAfter()) < 0 ? wait : config.maxRetryAfter();
    }

    private Mail toMail(OutgoingMail mail) {
        Mail message = Mail.withText(mail.to(), mail.subject(), mail.text());
        if (mail.calendar() != null) {
            message.addAttachment("invite.ics", mail.calendar().ics().getBytes(StandardCharsets.UTF_8),
                    "text/calendar; charset=UTF-8; method=" + mail.calendar().method());
        }
        return message
                .setFrom(config.from())
                .addHeader("Content-Language", mail.language())
                // What the mail is (invitation, email-verification, …): mail programs can file by it, tests tell mails apart.
                .addHeader(KIND_HEADER, mail.kind())
                // Derived from the mail's id: should a send be repeated after all (a lost SMTP reply), the copies
                // carry one Message-ID, by which mail programs recognise them as one message.
                .addHeader("Message-ID", messageId(mail.id()));
    }

    /** A name-based UUID of the mail's id: the same id always gives the same Message-ID. */
    static String messageId(String mailId) {
        return "<" + UUID.nameUUIDFromBytes(mailId.getBytes(StandardCharsets.UTF_8)) + "@muse-academy>";
    }
}
