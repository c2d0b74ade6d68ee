package academy.muse.scheduling.accounts;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * Keeps each account's zone from the gateway's {@code account.created} and {@code account.updated}, and who
 * observes which student from {@code account.relation-added}.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;

    AccountEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ACCOUNT_CREATED, AccountEventsConsumer::remember),
                Inbox.on(Events.ACCOUNT_UPDATED, AccountEventsConsumer::remember),
                Inbox.on(Events.ACCOUNT_RELATION_ADDED, AccountEventsConsumer::rememberObserver)));
    }

    private static void rememberObserver(AccountEvents.RelationChanged relation) {
        if (!Roles.OBSERVER.equals(relation.memberRole()) || relation.observedStudentId() == null) {
            return;
        }
        StudentObserver observer = new StudentObserver();
        observer.id = relation.memberId() + ":" + relation.observedStudentId() + ":" + relation.teacherId();
        observer.observerId = relation.memberId();
        observer.studentId = relation.observedStudentId();
        observer.teacherId = relation.teacherId();
        observer.persistOrUpdate();
    }

    private static void remember(AccountEvents.AccountChanged account) {
        AccountZone known = AccountZone.findById(account.accountId());
        if (known == null) {
            known = new AccountZone();
            known.id = account.accountId();
        }
        known.zone = validZone(account.zone()) ? account.zone() : known.zone;
        known.displayName = account.displayName();
        known.persistOrUpdate();
    }

    private static boolean validZone(String zone) {
        try {
            return zone != null && ZoneId.of(zone) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }
}
