package academy.muse.gateway.account;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Roles;
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

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creating, reading and changing accounts; every change is announced as an {@code account.*} event. */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);
    /** The problem a disabled account gets at login, refresh, and on the gateway's own endpoints. */
    public static final String DISABLED = "account-disabled";
    public static final String DISABLED_DETAIL = "This account has been disabled by the operator";

    private final EventPublisher events;
    private final Clock clock;
    private final RelationGraph relations;

    Accounts(EventPublisher events, RelationGraph relations, Clock clock) {
        this.clock = clock;
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
        account.createdAt = clock.instant();
        account.updatedAt = account.createdAt;
        try {
            account.persist();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw emailInUse();
            }
            throw e;
        }
        events.publish(Events.ACCOUNT_CREATED, AccountEvents.AccountChanged.createdEventId(account.id), account.id, changed(account));
        LOG.infof("Created %s account %s", account.role, account.id);
        return account;
    }

    public static ProblemException emailInUse() {
        return ProblemException.conflict("email-taken", "An account with this email already exists; sign in instead");
    }

    /** The signed-in caller's own account; a token for a deleted or disabled account is no longer good for anything here. */
    public Account signedIn(String accountId) {
        Account account = Account.<Account>findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.unauthorized("This account no longer exists"));
        if (account.disabled()) {
            throw new ProblemException(403, DISABLED, "Not allowed", DISABLED_DETAIL);
        }
        return account;
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
        if (update.lessonReminders() != null && update.lessonReminders() != account.wantsLessonReminders()) {
            account.lessonReminders = update.lessonReminders();
            // Only the gateway reads this setting: stored, but no account.updated for the other services.
            account.updatedAt = clock.instant();
            account.update();
        }
        if (changed) {
            account.updatedAt = clock.instant();
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

    /** Accounts whose name or email contains the query (any case), by email; all of them for an empty query. */
    public List<Account> search(String query, int page, int size) {
        return Account.<Account>mongoCollection().find(matching(query)).sort(Sorts.ascending("email", "_id"))
                .skip(page * size).limit(size).into(new ArrayList<>());
    }

    public long countMatching(String query) {
        return Account.mongoCollection().countDocuments(matching(query));
    }

    private static Bson matching(String query) {
        if (query == null || query.isBlank()) {
            return new Document();
        }
        Pattern contains = Pattern.compile(Pattern.quote(query.strip()), Pattern.CASE_INSENSITIVE);
        return Filters.or(Filters.regex("email", contains), Filters.regex("displayName", contains));
    }

    public List<Account> withIds(List<String> accountIds) {
        return Account.<Account>mongoCollection().find(Filters.in("_id", accountIds)).sort(Sorts.ascending("email"))
                .into(new ArrayList<>());
    }

    public Account byId(String accountId) {
        return Account.<Account>findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.notFound("Account " + accountId));
    }

    /** Disables or enables an account; disabling the last enabled admin is refused. Returns whether it changed. */
    public boolean setDisabled(Account account, boolean disabled) {
        if (account.disabled() == disabled) {
            return false;
        }
        if (disabled) {
            requireAnotherAdmin(account, "disable");
        }
        account.disabledAt = disabled ? clock.instant() : null;
        account.updatedAt = clock.instant();
        account.update();
        LOG.infof("%s account %s", disabled ? "Disabled" : "Enabled", account.id);
        return true;
    }

    /** Gives an account another role; the next refreshed access token carries it. The last admin keeps theirs. */
    public boolean changeRole(Account account, String role) {
        if (account.is(role)) {
            return false;
        }
        requireAnotherAdmin(account, "change the role of");
        account.role = role;
        account.updatedAt = clock.instant();
        account.update();
        events.publish(Events.ACCOUNT_UPDATED, account.id, changed(account));
        LOG.infof("Account %s is now %s", account.id, role);
        return true;
    }

    /**
     * Deletes an account: {@code account.deleted} is stored first (with an id of its own, so a retried deletion
     * publishes one event) and each service then removes that person's media per its policy; then the account
     * row and its relations go. The email may then sign up again, as a new account with a new id.
     */
    public void delete(Account account) {
        requireAnotherAdmin(account, "delete");
        events.publish(Events.ACCOUNT_DELETED, AccountEvents.AccountDeleted.eventId(account.id), account.id,
                new AccountEvents.AccountDeleted(account.id, List.of(account.role)));
        relations.forget(account.id);
        account.delete();
        LOG.infof("Deleted %s account %s", account.role, account.id);
    }

    /**
     * Refuses to take away the last enabled admin, who is the only one who could undo it. Without transactions
     * two admins acting on each other at the same instant could both pass; each admin is the operator's own.
     */
    private static void requireAnotherAdmin(Account account, String action) {
        if (account.is(Roles.ADMIN) && !account.disabled()
                && Account.mongoCollection().countDocuments(
                        Filters.and(Filters.eq("role", Roles.ADMIN), Filters.eq("disabledAt", null))) <= 1) {
            throw ProblemException.conflict("last-admin",
                    "You cannot " + action + " the last admin account: make another account admin first");
        }
    }

    private static AccountEvents.AccountChanged changed(Account account) {
        return new AccountEvents.AccountChanged(account.id, account.displayName, List.of(account.role), account.zone,
                Objects.requireNonNullElse(account.locale, "en"));
    }
}
