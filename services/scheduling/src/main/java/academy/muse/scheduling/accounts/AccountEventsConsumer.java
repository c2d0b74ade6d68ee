package academy.muse.scheduling.accounts;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.inbox.Inbox;
import academy.muse.contracts.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Keeps each account's zone from the gateway's {@code account.created} and {@code account.updated}, and who
 * observes which student from {@code account.relation-added}.
 */
@ApplicationScoped
public class AccountEventsConsumer {

    private final CloudEvents cloudEvents;
    private final Inbox inbox;

    AccountEventsConsumer(CloudEvents cloudEvents, Inbox inbox) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        cloudEvents.dataIf(event, Events.ACCOUNT_CREATED)
                .or(() -> cloudEvents.dataIf(event, Events.ACCOUNT_UPDATED))
                .ifPresent(account -> inbox.handleOnce(event.id(), () -> remember(account)));
        cloudEvents.dataIf(event, Events.ACCOUNT_RELATION_ADDED)
                .filter(relation -> Roles.OBSERVER.equals(relation.memberRole()) && relation.observedStudentId() != null)
                .ifPresent(relation -> inbox.handleOnce(event.id(), () -> rememberObserver(relation)));
    }

    private static void rememberObserver(AccountEvents.RelationChanged relation) {
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
