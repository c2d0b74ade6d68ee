package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.contracts.security.Roles;
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

    /** After the accounts' unique index exists ({@code @Priority(1)}), so two replicas starting together create one admin. */
    void createAdmin(@Observes @Priority(10) StartupEvent start) {
        if (config.email().isEmpty() || config.password().isEmpty()) {
            return;
        }
        String email = EmailAddresses.normalise(config.email().get());
        if (accounts.emailTaken(email)) {
            return;
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
        } catch (ProblemException alreadyCreatedByAnotherReplica) {
            LOG.debugf("The admin account for %s was created by another replica", email);
        }
    }
}
