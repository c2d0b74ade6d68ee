package academy.muse.vod.events;

import academy.muse.contracts.events.AccountEvents.AccountDeleted;
import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.vod.asset.AssetDeletions;
import academy.muse.vod.policy.RetentionPolicies;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * On {@code account.deleted}: the person's own replays and previews are deleted as if they had deleted them (the
 * grace period applies before their media goes), and they stop being a viewer of anyone's replay. Both steps are
 * idempotent, so a redelivered event changes nothing more.
 */
@ApplicationScoped
public class AccountDeletedConsumer {

    private static final Logger LOG = Logger.getLogger(AccountDeletedConsumer.class);
    static final String DELETED_BY = "account-deleted";

    private final Inbox inbox;
    private final AssetDeletions deletions;
    private final RetentionPolicies policies;
    private final Clock clock;

    AccountDeletedConsumer(Inbox inbox, AssetDeletions deletions, RetentionPolicies policies, Clock clock) {
        this.inbox = inbox;
        this.deletions = deletions;
        this.policies = policies;
        this.clock = clock;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ACCOUNT_DELETED, this::forget)));
    }

    private void forget(AccountDeleted account) {
        Instant now = clock.instant();
        List<String> owned = deletions.keptOwnedBy(account.accountId());
        owned.forEach(assetId -> deletions.markDeleted(assetId, now, DELETED_BY));
        long viewed = deletions.removeViewer(account.accountId());
        policies.remove(account.accountId());
        LOG.infof("Account %s was deleted: deleted its %d assets, removed it as a viewer of %d", account.accountId(),
                owned.size(), viewed);
    }
}
