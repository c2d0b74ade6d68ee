package academy.muse.recordings.events;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.AccountEvents;
import academy.muse.platform.inbox.Inbox;
import academy.muse.platform.security.Roles;
import academy.muse.recordings.retention.OriginalsRetention;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.List;

/**
 * Account deletions from the gateway (subscription {@code muse.account::recordings.muse.account}): a deleted
 * teacher's originals are removed after the grace period, like a verified replay's.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;
    private final OriginalsRetention retention;
    private final Clock clock;

    AccountEventsConsumer(Inbox inbox, OriginalsRetention retention, Clock clock) {
        this.inbox = inbox;
        this.retention = retention;
        this.clock = clock;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ACCOUNT_DELETED, this::deleted)));
    }

    private void deleted(AccountEvents.AccountDeleted deleted) {
        if (deleted.roles() != null && deleted.roles().contains(Roles.TEACHER)) {
            retention.scheduleOwner(deleted.accountId(), "account deleted", clock.instant());
        }
    }
}
