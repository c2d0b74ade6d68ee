package academy.muse.gateway.auth;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.AccountView;
import academy.muse.gateway.account.CurrentAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What a person may do with their own account (docs/accounts.md): have their address confirmed, change it, and delete
 * the account. (The copy of their data is {@code academy.muse.gateway.export.ExportResource}.)
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.OBSERVER, Roles.ADMIN})
public class AccountRightsResource {

    private final CurrentAccount current;
    private final EmailVerifications verifications;
    private final Passwords passwords;
    private final AccountDeletion deletion;
    private final RefreshCookie cookie;

    AccountRightsResource(CurrentAccount current, EmailVerifications verifications, Passwords passwords,
                          AccountDeletion deletion, RefreshCookie cookie) {
        this.current = current;
        this.verifications = verifications;
        this.passwords = passwords;
        this.deletion = deletion;
        this.cookie = cookie;
    }

    /** {@code POST /api/me/email}: the address to change to, and the current password. */
    public record EmailChange(@NotBlank @Email @Size(max = 254) String newEmail, @NotNull String password) {
    }

    /** {@code POST /api/me/deletion}: the current password, so that an unattended signed-in browser cannot do it. */
    public record DeletionRequest(@NotNull String password) {
    }

    /** What was done; the details arrive by mail. */
    public record Accepted(String status, String detail) {
    }

    /** Mails a new link that confirms the account's address; 409 when it is confirmed, 429 when asked too soon. */
    @POST
    @Path("/me/email-verification")
    public Response resendVerification() {
        verifications.resend(current.get());
        return Response.accepted(new Accepted("accepted", "A new link is on its way to your address")).build();
    }

    /** 202 with the account, whose {@code pendingEmail} now names the new address; {@code email} stays until confirmed. */
    @POST
    @Path("/me/email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response changeEmail(@NotNull @Valid EmailChange change) {
        Account account = current.get();
        verifications.requestChange(account, change.password(), change.newEmail());
        return Response.accepted(AccountView.of(account)).build();
    }

    /** Deletes the caller's account after checking their password; this browser's refresh cookie is cleared too. */
    @POST
    @Path("/me/deletion")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response deleteAccount(@NotNull @Valid DeletionRequest request) {
        Account account = current.get();
        passwords.requireCurrent(request.password(), account.passwordHash);
        deletion.delete(account, account.id);
        return Response.noContent().header("Set-Cookie", cookie.cleared()).build();
    }
}
