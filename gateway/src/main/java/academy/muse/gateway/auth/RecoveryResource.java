package academy.muse.gateway.auth;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.CurrentAccount;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;

/** Password reset by emailed link, and password change (docs/accounts.md). */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RecoveryResource {

    private final PasswordResets resets;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final RefreshCookie cookie;
    private final CurrentAccount current;
    private final Clock clock;

    RecoveryResource(PasswordResets resets, LoginThrottle throttle, Sessions sessions, RefreshCookie cookie,
                     CurrentAccount current, Clock clock) {
        this.resets = resets;
        this.throttle = throttle;
        this.sessions = sessions;
        this.cookie = cookie;
        this.current = current;
        this.clock = clock;
    }

    public record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    public record ResetConfirmation(@NotBlank @Size(max = 100) String token, @NotNull String password) {
    }

    public record PasswordChange(@NotNull String currentPassword, @NotNull String newPassword) {
    }

    /** The one answer to every well-formed reset request. */
    public record ResetAccepted(String status, String detail) {
    }

    /** 202 with the same body whether or not the address has an account. */
    @POST
    @Path("/password-reset")
    public Response requestReset(@NotNull @Valid ResetRequest request, @Context HttpServerRequest http) {
        throttle.admitSignUp(http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
        resets.request(request.email());
        return Response.accepted(new ResetAccepted("accepted",
                "If an account has this address, a link to set a new password is on its way to it"))
                .header("Cache-Control", "no-store").build();
    }

    /** 204 once the new password is set; 410 for a link used or expired; 422 for a weak password. */
    @POST
    @Path("/password-reset/confirm")
    public Response confirmReset(@NotNull @Valid ResetConfirmation confirmation) {
        resets.reset(confirmation.token(), confirmation.password());
        return Response.noContent().build();
    }

    /** Changes the caller's password; their other sessions end and this answer signs them in afresh. */
    @POST
    @Path("/password")
    @RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.OBSERVER, Roles.ADMIN})
    public Response changePassword(@NotNull @Valid PasswordChange change) {
        Account account = current.get();
        resets.change(account, change.currentPassword(), change.newPassword());
        return AuthResource.signedIn(cookie, Response.ok(), sessions.start(account), clock);
    }
}
