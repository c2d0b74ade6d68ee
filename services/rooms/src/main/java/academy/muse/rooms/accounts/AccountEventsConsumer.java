package academy.muse.rooms.accounts;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.inbox.Inbox;
import academy.muse.platform.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.List;

/** Reads observers' invitations from rooms' own durable subscription on {@code muse.account}. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final Inbox inbox;

    AccountEventsConsumer(Inbox inbox) {
        this.inbox = inbox;
    }

    @Incoming("account-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.ACCOUNT_RELATION_ADDED, AccountEventsConsumer::remember)));
    }

    private static void remember(AccountEvents.RelationChanged relation) {
        if (!Roles.OBSERVER.equals(relation.memberRole()) || relation.observedStudentId() == null) {
            return;
        }
        ObserverInvitation invitation = new ObserverInvitation();
        invitation.id = relation.memberId() + ":" + relation.observedStudentId() + ":" + relation.teacherId();
        invitation.observerId = relation.memberId();
        invitation.studentId = relation.observedStudentId();
        invitation.teacherId = relation.teacherId();
        invitation.persistOrUpdate();
    }
}
