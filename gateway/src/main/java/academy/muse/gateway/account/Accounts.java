package academy.muse.gateway.account;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.outbox.EventPublisher;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.contracts.security.Roles;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** Creating, reading and changing accounts; every change is announced as an {@code account.*} event. */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final EventPublisher events;
    private final RelationGraph relations;

    Accounts(EventPublisher events, RelationGraph relations) {
        this.events = events;
        this.relations = relations;
    }

    void createIndexes(@Observes @Priority(1) StartupEvent start) {
        Account.mongoCollection().createIndex(Indexes.ascending("email"),
                new IndexOptions().unique(true).name("email_unique"));
    }

    /** A fresh account id, chosen before the account is stored so that an invitation can be claimed for it. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public boolean emailTaken(String normalisedEmail) {
        return Account.findByEmail(normalisedEmail).isPresent();
    }

    /**
     * Stores a new account. Two sign-ups racing for one email meet the unique index: the loser gets 409
     * and nothing of theirs is stored.
     */
    public Account create(String id, NewAccount fields) {
        Account account = new Account();
        account.id = id;
        account.email = fields.email();
        account.passwordHash = fields.passwordHash();
        account.displayName = fields.displayName().strip();
        account.role = fields.role();
        account.zone = fields.zone();
        account.locale = fields.locale();
        account.createdAt = Instant.now();
        account.updatedAt = account.createdAt;
        try {
            account.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw emailInUse();
            }
            throw e;
        }
        events.publish(Events.ACCOUNT_CREATED, "account-created:" + account.id, account.id, changed(account));
        LOG.infof("Created %s account %s", account.role, account.id);
        return account;
    }

    public static ProblemException emailInUse() {
        return ProblemException.conflict("email-taken", "An account with this email already exists; sign in instead");
    }

    /** The signed-in caller's own account; a token for a deleted account is no longer good for anything. */
    public Account signedIn(String accountId) {
        return Account.<Account>findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.unauthorized("This account no longer exists"));
    }

    public Account updateProfile(Account account, ProfileUpdate update) {
        boolean changed = false;
        if (update.displayName() != null && !update.displayName().strip().equals(account.displayName)) {
            account.displayName = update.displayName().strip();
            changed = true;
        }
        if (update.zone() != null && !update.zone().equals(account.zone)) {
            account.zone = update.zone();
            changed = true;
        }
        if (update.locale() != null && !update.locale().equals(account.locale)) {
            account.locale = update.locale();
            changed = true;
        }
        if (changed) {
            account.updatedAt = Instant.now();
            account.update();
            events.publish(Events.ACCOUNT_UPDATED, account.id, changed(account));
        }
        return account;
    }

    /**
     * Another account's profile, if the caller may see it: themselves, the people they are related to, or
     * anyone for an admin. Otherwise "not found", so that the answer does not tell whether the id exists.
     */
    public Profile profileFor(Account caller, String accountId) {
        boolean visible = caller.id.equals(accountId) || caller.is(Roles.ADMIN)
                || relations.viewFor(caller).includes(accountId);
        return Account.<Account>findByIdOptional(accountId)
                .filter(account -> visible)
                .map(Profile::of)
                .orElseThrow(() -> ProblemException.notFound("Account " + accountId));
    }

    public List<AccountView> list(int page, int size) {
        return Account.<Account>findAll(Sort.ascending("email")).page(Page.of(page, size)).list().stream()
                .map(AccountView::of).toList();
    }

    private static AccountEvents.AccountChanged changed(Account account) {
        return new AccountEvents.AccountChanged(account.id, account.displayName, List.of(account.role), account.zone,
                Objects.requireNonNullElse(account.locale, "en"));
    }
}
