package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.account.NewAccount;
import academy.muse.gateway.config.AdminConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.ZoneId;
import java.util.Optional;

/**
 * Creates the operator's admin account at start from {@code muse.admin.email} and {@code muse.admin.password}
 * when no account has that email yet. A weak configured password stops the start: better than an admin
 * account anyone could guess.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final AdminConfig config;
    private final Accounts accounts;
    private final Passwords passwords;

    AdminBootstrap(AdminConfig config, Accounts accounts, Passwords passwords) {
        this.config = config;
        this.accounts = accounts;
        this.passwords = passwords;
    }

    /** What the start-up did about the admin account. */
    enum Outcome { NOT_CONFIGURED, CREATED, ALREADY_THERE, EMAIL_HELD_BY_ANOTHER_ROLE }

    /** After the accounts' unique index exists ({@code @Priority(1)}), so two replicas starting together create one admin. */
    void onStart(@Observes @Priority(10) StartupEvent start) {
        createAdmin();
    }

    Outcome createAdmin() {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return Outcome.NOT_CONFIGURED;
        }
        String email = EmailAddresses.normalise(config.email().get());
        Optional<Account> existing = Account.findByEmail(email);
        if (existing.isPresent()) {
            return checkExisting(existing.get(), email);
        }
        String password = config.password().get();
        try {
            passwords.requireStrong(password, email);
        } catch (ProblemException weak) {
            throw new IllegalStateException("muse.admin.password is too weak: " + weak.getMessage());
        }
        try {
            accounts.create(Accounts.newId(), new NewAccount(email, passwords.hash(password), config.displayName(),
                    Roles.ADMIN, ZoneId.of(config.zone()).getId(), "en"));
            LOG.infof("Created the admin account for %s", email);
            return Outcome.CREATED;
        } catch (ProblemException alreadyCreatedByAnotherReplica) {
            return Account.findByEmail(email).map(account -> checkExisting(account, email)).orElseThrow();
        }
    }

    /**
     * The configured address already has an account. An admin's is the one an earlier start made. Anyone else's
     * means someone signed up with the operator's address first: it is never promoted (they would become admin),
     * and the operator is told loudly, since there is then no admin account until they choose another address.
     */
    private Outcome checkExisting(Account account, String email) {
        if (Roles.ADMIN.equals(account.role)) {
            return Outcome.ALREADY_THERE;
        }
        LOG.errorf("muse.admin.email %s already belongs to a %s account (%s), made by sign-up before the admin account "
                + "was created: it was NOT made admin and there is no admin account. Set muse.admin.email "
                + "(MUSE_ADMIN_EMAIL) to an address nobody has used, or remove that account, and restart.",
                email, account.role, account.id);
        return Outcome.EMAIL_HELD_BY_ANOTHER_ROLE;
    }
}
