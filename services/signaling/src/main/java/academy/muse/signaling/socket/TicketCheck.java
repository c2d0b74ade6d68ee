package academy.muse.signaling.socket;

import academy.muse.signaling.room.Ticket;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Refuses the WebSocket upgrade unless it carries a valid room ticket for the room in the path, used for the
 * first time: no ticket, an expired, forged or already used one → 401; a ticket for another room, or without
 * a role → 403. The token itself is verified by SmallRye JWT (signature against the ticket key only, issuer,
 * audience {@code signaling}: {@code PurposeTokenParser} with {@code muse.keys.accept=ticket}).
 */
@ApplicationScoped
public class TicketCheck implements HttpUpgradeCheck {

    static final TypedKey<Ticket> TICKET = new TypedKey<>("muse.room-ticket");
    private static final Logger LOG = Logger.getLogger(TicketCheck.class);

    private final UsedTickets usedTickets;

    TicketCheck(UsedTickets usedTickets) {
        this.usedTickets = usedTickets;
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String room = context.pathParam("code");
        return context.securityIdentity()
                .chain(identity -> admit(identity, room, context))
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Refused a connection to room %s: %s", room, failure.getMessage());
                    return CheckResult.rejectUpgradeSync(401);
                });
    }

    private Uni<CheckResult> admit(SecurityIdentity identity, String room, HttpUpgradeContext context) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return CheckResult.rejectUpgrade(401);
        }
        Ticket ticket = Ticket.from(token);
        if (ticket == null || !ticket.room().equals(room)) {
            LOG.infof("Refused participant %s: their ticket is not for room %s", token.getSubject(), room);
            return CheckResult.rejectUpgrade(403);
        }
        if (token.getTokenID() == null) {
            LOG.infof("Refused participant %s: their ticket for room %s has no id", token.getSubject(), room);
            return CheckResult.rejectUpgrade(401);
        }
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        // The store is blocking: off the event loop.
        return Uni.createFrom().item(() -> usedTickets.firstUse(token.getTokenID(), expiresAt))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(first -> {
                    if (!first) {
                        LOG.infof("Refused participant %s: their ticket for room %s was used before", token.getSubject(), room);
                        return CheckResult.rejectUpgradeSync(401);
                    }
                    context.userData().put(TICKET, ticket);
                    return CheckResult.permitUpgradeSync();
                });
    }
}
