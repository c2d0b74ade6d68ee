package academy.muse.gateway.storage;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.StorageThresholdCrossed;
import academy.muse.platform.inbox.Inbox;
import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.mail.MailOutbox;
import academy.muse.gateway.mail.MailTexts;
import academy.muse.gateway.mail.OutgoingMail;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Mails the owner of a storage quota and every operator (admin account) when recordings says the owner's stored
 * bytes crossed a warning level ({@code recording.storage-threshold}, subscription
 * {@code muse.recording::gateway.muse.recording}). Each mail's id is derived from the event and the recipient, so a
 * redelivered event stores no second mail.
 */
@ApplicationScoped
public class StorageWarnings {

    private static final Logger LOG = Logger.getLogger(StorageWarnings.class);
    private static final String KIND = "storage-warning";

    private final Inbox inbox;
    private final MailOutbox outbox;
    private final Clock clock;

    StorageWarnings(Inbox inbox, MailOutbox outbox, Clock clock) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Incoming("recording-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.onEvent(Events.RECORDING_STORAGE_THRESHOLD, (event, crossed) ->
                warn(event.id(), event.time() == null ? clock.instant() : event.time().toInstant(), crossed))));
    }

    void warn(String eventId, Instant at, StorageThresholdCrossed crossed) {
        Optional<Account> owner = Account.findByIdOptional(crossed.ownerId());
        owner.ifPresent(account -> outbox.store(toOwner(eventId, at, crossed, account)));
        List<Account> operators = Account.list("role", Roles.ADMIN);
        operators.stream().filter(operator -> !operator.id.equals(crossed.ownerId()))
                .forEach(operator -> outbox.store(toOperator(eventId, at, crossed, owner, operator)));
        LOG.infof("Storage of %s at %d%%: warned %s and %d operator(s)", crossed.ownerId(), crossed.percent(),
                owner.isPresent() ? "the owner" : "no owner (no such account)", operators.size());
    }

    private static OutgoingMail toOwner(String eventId, Instant at, StorageThresholdCrossed crossed, Account owner) {
        MailTexts texts = MailTexts.forPerson(owner.locale, owner.zone);
        boolean full = crossed.percent() >= 100;
        String subject = full ? texts.text("storage.owner.subject.full")
                : texts.text("storage.owner.subject.warning", crossed.percent());
        String body = texts.letter(owner.displayName,
                texts.text("storage.owner.usage", texts.time(at), crossed.percent(), texts.size(crossed.usedBytes()),
                        texts.size(crossed.quotaBytes())),
                texts.text(full ? "storage.owner.full" : "storage.owner.warning"));
        return texts.mail(KIND + ":" + eventId + ":" + owner.id, KIND, owner.email, subject, body);
    }

    private static OutgoingMail toOperator(String eventId, Instant at, StorageThresholdCrossed crossed,
                                           Optional<Account> owner, Account operator) {
        MailTexts texts = MailTexts.forPerson(operator.locale, operator.zone);
        String ownerName = owner.map(account -> account.displayName).orElse(crossed.ownerId());
        String ownerEmail = owner.map(account -> account.email).orElse("-");
        String body = texts.letter(operator.displayName,
                texts.text("storage.operator.usage", texts.time(at), ownerName, ownerEmail, crossed.percent(),
                        texts.size(crossed.usedBytes()), texts.size(crossed.quotaBytes())),
                texts.text("storage.operator.consequence"));
        return texts.mail(KIND + ":" + eventId + ":" + operator.id, KIND, operator.email,
                texts.text("storage.operator.subject", ownerName, crossed.percent()), body);
    }
}
