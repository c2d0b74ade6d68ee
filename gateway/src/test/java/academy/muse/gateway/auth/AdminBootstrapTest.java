package academy.muse.gateway.auth;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.gateway.People;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.config.AdminConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's admin account at start, when someone signed up with the operator's address first. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class AdminBootstrapTest {

    @Inject
    Accounts accounts;
    @Inject
    Passwords passwords;

    @Test
    void anAdminAddressTakenFirstBySignUpIsNeverPromotedAndIsReported() {
        People.Person squatter = People.teacher("Not The Operator");
        Account before = Account.findByEmail(squatter.email()).orElseThrow();

        AdminBootstrap.Outcome outcome = new AdminBootstrap(admin(squatter.email()), accounts, passwords).createAdmin();

        assertThat(outcome).isEqualTo(AdminBootstrap.Outcome.EMAIL_HELD_BY_ANOTHER_ROLE);
        Account after = Account.findByEmail(squatter.email()).orElseThrow();
        assertThat(after.role).isEqualTo("teacher");
        assertThat(after.passwordHash).isEqualTo(before.passwordHash);
    }

    @Test
    void theConfiguredAdminMadeAtStartIsFoundAgainOnTheNextStart() {
        assertThat(new AdminBootstrap(admin("admin@muse.test"), accounts, passwords).createAdmin())
                .isEqualTo(AdminBootstrap.Outcome.ALREADY_THERE);
        assertThat(Account.findByEmail("admin@muse.test").orElseThrow().role).isEqualTo("admin");
    }

    private static AdminConfig admin(String email) {
        return new AdminConfig() {
            @Override
            public Optional<String> email() {
                return Optional.of(email);
            }

            @Override
            public Optional<String> password() {
                return Optional.of("operator-test-passphrase");
            }

            @Override
            public String displayName() {
                return "Administrator";
            }

            @Override
            public String zone() {
                return "UTC";
            }
        };
    }
}
