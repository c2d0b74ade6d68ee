package academy.muse.gateway.mail;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * How the gateway sends mail (docs/notifications.md). The SMTP server itself is Quarkus Mailer's
 * {@code quarkus.mailer.*} (host, port, TLS, credentials), set through the SMTP_* variables.
 */
@ConfigMapping(prefix = "muse.mail")
public interface MailConfig {

    /** The sender every mail shows, e.g. {@code Muse Academy <lessons@example.org>}. */
    @WithDefault("Muse Academy <no-reply@localhost>")
    String from();

    /** How often the sender looks for mail that is due; also what {@code @Scheduled} reads as {@code send-every}. */
    @WithDefault("5s")
    Duration sendEvery();

    /**
     * How often each replica looks for lesson reminders that are due (24 h and 1 h before each lesson); also what
     * {@code @Scheduled} reads as {@code remind-every}: a duration such as {@code 1m}, or {@code off} (the tests run
     * reminders themselves). A reminder goes out at most this late.
     */
    @WithDefault("1m")
    String remindEvery();

    /** How many mails one sender run claims at most. */
    @WithDefault("50")
    int batchSize();

    /**
     * How long a sender's claim on a mail lasts; another replica may take the mail after that. Longer than
     * {@link #sendTimeout()}, so that a mail is never claimed twice while one send is still under way.
     */
    @WithDefault("2m")
    Duration lease();

    /** How long one SMTP send may take before it counts as failed and is retried later. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** The wait before the first retry of a mail the SMTP server did not take; it doubles with each further failure. */
    @WithDefault("10s")
    Duration firstRetryAfter();

    /** The longest wait between two tries of one mail; a mail is retried until it is sent, never dropped. */
    @WithDefault("15m")
    Duration maxRetryAfter();

    /** How long sent mails stay in {@code mail_outbox} (they carry links, so not for ever) before they are purged. */
    @WithDefault("7d")
    Duration retention();
}
