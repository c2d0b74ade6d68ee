package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Roles;
import academy.muse.gateway.config.TeacherSignUp;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.account.NewAccount;
import academy.muse.gateway.invitation.Invitation;
import academy.muse.gateway.invitation.Invitations;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Objects;

/**
 * Sign-up: everything is checked before anything is stored, so a refused sign-up leaves no trace; the
 * invitation is claimed before the account is stored and given back if storing fails. An address that already
 * has an account gets no second one, and the answer does not say so: the same (slow) work is done and the caller
 * hears the same, so sign-up cannot be used to find out who has an account. The caller then signs in.
 */
@ApplicationScoped
public class SignUps {

    private static final Logger LOG = Logger.getLogger(SignUps.class);

    private final Accounts accounts;
    private final Invitations invitations;
    private final Passwords passwords;
    private final SignUpPolicy policy;
    private final EmailVerifications verifications;

    SignUps(Accounts accounts, Invitations invitations, Passwords passwords, SignUpPolicy policy,
            EmailVerifications verifications) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.passwords = passwords;
        this.policy = policy;
        this.verifications = verifications;
    }

    public void signUp(SignupRequest request) {
        String email = EmailAddresses.normalise(request.email());
        passwords.requireStrong(request.password(), email);
        Invitation invitation = request.invitation() == null ? null : invitations.usable(request.invitation());
        if (invitation == null && policy.teacherSignUp() == TeacherSignUp.ADMIN_INVITATION) {
            throw new ProblemException(403, "teacher-sign-up-by-invitation", "Not allowed",
                    "Teachers join this academy by invitation: ask the operator for an invitation link");
        }
        String passwordHash = passwords.hash(request.password());
        if (accounts.emailTaken(email)) {
            LOG.info("A sign-up named an address that already has an account; nothing was created");
            return;
        }
        NewAccount fields = new NewAccount(email, passwordHash, request.displayName(),
                invitation == null ? Roles.TEACHER : invitation.role, request.zone(),
                Objects.requireNonNullElse(request.locale(), "en"));
        String id = Accounts.newId();
        Invitation claimed = invitation == null ? null : invitations.claim(invitation, id);
        Account account;
        try {
            account = accounts.create(id, fields);
        } catch (ProblemException takenMeanwhile) {
            release(claimed, id);
            LOG.info("A sign-up lost the race for its address to another; nothing was created");
            return;
        } catch (RuntimeException e) {
            release(claimed, id);
            throw e;
        }
        if (claimed != null) {
            invitations.linkThrough(claimed, account.id);
        }
        if (account.is(Roles.TEACHER)) {
            // Under every policy: the address is where lesson and recovery mail goes. verified-email adds the consequence.
            verifications.mailForSignUp(account);
        }
    }

    private void release(Invitation claimed, String id) {
        if (claimed != null) {
            invitations.release(claimed, id);
        }
    }
}
