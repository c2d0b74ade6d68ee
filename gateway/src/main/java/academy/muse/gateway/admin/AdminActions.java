package academy.muse.gateway.admin;

import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.admin.AuditLog.Done;
import academy.muse.gateway.admin.AuditLog.Target;
import academy.muse.gateway.auth.AccountDeletion;
import academy.muse.gateway.auth.Sessions;
import academy.muse.gateway.auth.SignUpPolicy;
import academy.muse.gateway.config.TeacherSignUp;
import academy.muse.gateway.invitation.CreatedInvitation;
import academy.muse.gateway.invitation.InvitationSummary;
import academy.muse.gateway.invitation.Invitations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** What the admin console can do. Every change goes through the {@link AuditLog}, including the refused ones. */
@ApplicationScoped
public class AdminActions {

    private final Accounts accounts;
    private final Sessions sessions;
    private final Invitations invitations;
    private final SignUpPolicy signUpPolicy;
    private final AuditLog audit;
    private final AccountDeletion deletion;

    AdminActions(Accounts accounts, Sessions sessions, Invitations invitations, SignUpPolicy signUpPolicy,
                 AuditLog audit, AccountDeletion deletion) {
        this.deletion = deletion;
        this.accounts = accounts;
        this.sessions = sessions;
        this.invitations = invitations;
        this.signUpPolicy = signUpPolicy;
        this.audit = audit;
    }

    /** Accounts whose name or email contains the query; or exactly the accounts with these ids. */
    public ResultPage<AdminAccountView> accounts(String query, List<String> ids, int page, int size) {
        List<Account> found = ids.isEmpty() ? accounts.search(query, page, size) : accounts.withIds(ids);
        long total = ids.isEmpty() ? accounts.countMatching(query) : found.size();
        return new ResultPage<>(found.stream().map(AdminAccountView::of).toList(), page, size, total);
    }

    /**
     * Disables an account: it can no longer sign in or refresh, its sessions end at once, and the gateway refuses
     * its access tokens; other services accept them until they expire (minutes, {@code muse.auth.access-token-lifetime}).
     */
    public AdminAccountView disable(Account admin, String accountId) {
        return audit.record(admin, "account.disable", accountTarget(accountId), () -> {
            Account account = accounts.byId(accountId);
            boolean changed = accounts.setDisabled(account, true);
            sessions.endAllFor(account.id);
            return new Done<>(AdminAccountView.of(account), changed ? "disabled; sessions ended" : "already disabled");
        });
    }

    public AdminAccountView enable(Account admin, String accountId) {
        return audit.record(admin, "account.enable", accountTarget(accountId), () -> {
            Account account = accounts.byId(accountId);
            boolean changed = accounts.setDisabled(account, false);
            return new Done<>(AdminAccountView.of(account), changed ? "enabled" : "already enabled");
        });
    }

    public AdminAccountView changeRole(Account admin, String accountId, String role) {
        return audit.record(admin, "account.role", accountTarget(accountId), () -> {
            Account account = accounts.byId(accountId);
            String before = account.role;
            boolean changed = accounts.changeRole(account, role);
            return new Done<>(AdminAccountView.of(account), changed ? before + " → " + role : "already " + role);
        });
    }

    /** Deletes an account, ends its sessions and withdraws the invitations it made; see {@link AccountDeletion}. */
    public void delete(Account admin, String accountId) {
        audit.record(admin, "account.delete", accountTarget(accountId), () -> {
            Account account = accounts.byId(accountId);
            deletion.delete(account, admin.id);
            return new Done<>(null, "deleted " + account.role + " account; account.deleted published");
        });
    }

    public ResultPage<InvitationSummary> invitations(int page, int size) {
        return new ResultPage<>(invitations.page(page, size), page, size, invitations.count());
    }

    public CreatedInvitation inviteTeacher(Account admin) {
        return audit.record(admin, "invitation.create", new Target("invitation", null, "teacher"), () -> {
            CreatedInvitation created = invitations.createForTeacher(admin);
            return new Done<>(created, "teacher invitation, expires " + created.expiresAt());
        });
    }

    public InvitationSummary revokeInvitation(Account admin, String invitationId) {
        return audit.record(admin, "invitation.revoke", new Target("invitation", invitationId, null), () -> {
            InvitationSummary revoked = invitations.revoke(invitationId, admin.id);
            return new Done<>(revoked, revoked.role() + " invitation by " + revoked.invitedByName());
        });
    }

    public SignUpPolicy.View signUpPolicy() {
        return signUpPolicy.view();
    }

    public SignUpPolicy.View changeSignUpPolicy(Account admin, TeacherSignUp policy) {
        return audit.record(admin, "signup-policy.change", new Target("setting", "teacher-sign-up", null), () -> {
            TeacherSignUp before = signUpPolicy.teacherSignUp();
            signUpPolicy.set(policy, admin.id);
            return new Done<>(signUpPolicy.view(), before.wire() + " → " + policy.wire());
        });
    }

    public ResultPage<AuditLog.View> auditLog(int page, int size) {
        return new ResultPage<>(audit.page(page, size), page, size, audit.count());
    }

    /** The account's email as the label, when it exists (a missing one is recorded by id, and refused). */
    private static Target accountTarget(String accountId) {
        String email = Account.<Account>findByIdOptional(accountId).map(account -> account.email).orElse(null);
        return new Target("account", accountId, email);
    }
}
