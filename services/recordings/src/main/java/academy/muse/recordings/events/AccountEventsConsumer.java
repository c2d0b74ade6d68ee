package academy.muse.recordings.events;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.inbox.Inbox;
import academy.muse.contracts.security.Roles;
import academy.muse.recordings.retention.OriginalsRetention;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * Account deletions from the gateway (subscription {@code muse.account::recordings.muse.account}): a deleted
 * teacher's originals are removed after the grace period, like a verified replay's.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final OriginalsRetention retention;

    AccountEventsConsumer(CloudEvents cloudEvents, Inbox inbox, OriginalsRetention retention) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.retention = retention;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.ACCOUNT_DELETED, this::deleted);
    }

    private void deleted(AccountEvents.AccountDeleted deleted) {
        if (deleted.roles() != null && deleted.roles().contains(Roles.TEACHER)) {
            retention.scheduleOwner(deleted.accountId(), "account deleted", Instant.now());
        }
    }
}
