package academy.muse.gateway.auth;

import academy.muse.contracts.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.account.NewAccount;
import academy.muse.gateway.invitation.Invitation;
import academy.muse.gateway.invitation.Invitations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Objects;

/**
 * Sign-up: everything is checked before anything is stored, so a refused sign-up leaves no trace; the
 * invitation is claimed before the account is stored and given back if storing fails.
 */
@ApplicationScoped
public class SignUps {

    private final Accounts accounts;
    private final Invitations invitations;
    private final Passwords passwords;
    private final Sessions sessions;

    SignUps(Accounts accounts, Invitations invitations, Passwords passwords, Sessions sessions) {
        this.accounts = accounts;
        this.invitations = invitations;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    public Session signUp(SignupRequest request) {
        String email = EmailAddresses.normalise(request.email());
        passwords.requireStrong(request.password(), email);
        Invitation invitation = request.invitation() == null ? null : invitations.usable(request.invitation());
        if (accounts.emailTaken(email)) {
            throw Accounts.emailInUse();
        }
        NewAccount fields = new NewAccount(email, passwords.hash(request.password()), request.displayName(),
                invitation == null ? Roles.TEACHER : invitation.role, request.zone(),
                Objects.requireNonNullElse(request.locale(), "en"));
        String id = Accounts.newId();
        if (invitation == null) {
            return sessions.start(accounts.create(id, fields));
        }
        Invitation claimed = invitations.claim(invitation, id);
        Account account;
        try {
            account = accounts.create(id, fields);
        } catch (RuntimeException e) {
            invitations.release(claimed, id);
            throw e;
        }
        invitations.linkThrough(claimed, account.id);
        return sessions.start(account);
    }
}
