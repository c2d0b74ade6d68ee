package academy.muse.signaling.socket;

import academy.muse.signaling.room.Ticket;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Refuses the WebSocket upgrade unless it carries a valid room ticket for the room in the path: no ticket,
 * an expired or forged one → 401; a ticket for another room, or without a role → 403. The token itself is
 * verified by SmallRye JWT (signature against the room-ticket key, issuer, audience {@code signaling}).
 */
@ApplicationScoped
public class TicketCheck implements HttpUpgradeCheck {

    static final TypedKey<Ticket> TICKET = new TypedKey<>("muse.room-ticket");
    private static final Logger LOG = Logger.getLogger(TicketCheck.class);

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String room = context.pathParam("code");
        return context.securityIdentity()
                .map(identity -> check(identity, room, context))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Refused a connection to room %s: %s", room, failure.getMessage());
                    return CheckResult.rejectUpgradeSync(401);
                });
    }

    private static CheckResult check(SecurityIdentity identity, String room, HttpUpgradeContext context) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return CheckResult.rejectUpgradeSync(401);
        }
        Ticket ticket = Ticket.from(token);
        if (ticket == null || !ticket.room().equals(room)) {
            LOG.infof("Refused participant %s: their ticket is not for room %s", token.getSubject(), room);
            return CheckResult.rejectUpgradeSync(403);
        }
        context.userData().put(TICKET, ticket);
        return CheckResult.permitUpgradeSync();
    }
}
