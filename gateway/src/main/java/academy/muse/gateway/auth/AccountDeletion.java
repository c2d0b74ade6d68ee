package academy.muse.gateway.auth;

import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.invitation.Invitations;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deleting an account, by an admin or by its owner alike (docs/accounts.md#deleting-your-account): the account and its
 * relations go and {@code account.deleted} tells the services ({@link Accounts#delete}); its sessions end at once;
 * the invitations it made and nobody used stop working.
 */
@ApplicationScoped
public class AccountDeletion {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Invitations invitations;

    AccountDeletion(Accounts accounts, Sessions sessions, Invitations invitations) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.invitations = invitations;
    }

    /** @param deletedBy the account that asked: an admin's, or the account's own */
    public void delete(Account account, String deletedBy) {
        accounts.delete(account);
        sessions.endAllFor(account.id);
        invitations.revokeAllBy(account.id, deletedBy);
    }
}
