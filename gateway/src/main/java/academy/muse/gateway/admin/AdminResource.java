package academy.muse.gateway.admin;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.CurrentAccount;
import academy.muse.gateway.auth.SignUpPolicy;
import academy.muse.gateway.invitation.CreatedInvitation;
import academy.muse.gateway.invitation.InvitationSummary;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/** The admin console's API (docs/admin.md): accounts, invitations, the sign-up policy and the audit log. */
@Path("/api/admin")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminResource {

    private final CurrentAccount current;
    private final AdminActions actions;

    AdminResource(CurrentAccount current, AdminActions actions) {
        this.current = current;
        this.actions = actions;
    }

    /** Search by name or email ({@code q}), or look up given ids ({@code id}, repeated) e.g. to name owners. */
    @GET
    @Path("/accounts")
    public ResultPage<AdminAccountView> accounts(@QueryParam("q") @Size(max = 200) String query,
                                                 @QueryParam("id") @Size(max = 200) List<String> ids,
                                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        current.get();
        return actions.accounts(query, ids, page, size);
    }

    @POST
    @Path("/accounts/{id}/disable")
    public AdminAccountView disable(@PathParam("id") String id) {
        return actions.disable(current.get(), id);
    }

    @POST
    @Path("/accounts/{id}/enable")
    public AdminAccountView enable(@PathParam("id") String id) {
        return actions.enable(current.get(), id);
    }

    @PUT
    @Path("/accounts/{id}/role")
    @Consumes(MediaType.APPLICATION_JSON)
    public AdminAccountView changeRole(@PathParam("id") String id, @NotNull @Valid RoleChange change) {
        return actions.changeRole(current.get(), id, change.role());
    }

    @DELETE
    @Path("/accounts/{id}")
    public Response delete(@PathParam("id") String id) {
        actions.delete(current.get(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/invitations")
    public ResultPage<InvitationSummary> invitations(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                     @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        current.get();
        return actions.invitations(page, size);
    }

    /** A teacher invitation: how teachers join when the sign-up policy is {@code admin-invitation}. */
    @POST
    @Path("/invitations")
    public Response inviteTeacher() {
        CreatedInvitation created = actions.inviteTeacher(current.get());
        return Response.status(Response.Status.CREATED).header("Cache-Control", "no-store").entity(created).build();
    }

    @POST
    @Path("/invitations/{id}/revoke")
    public InvitationSummary revokeInvitation(@PathParam("id") String id) {
        return actions.revokeInvitation(current.get(), id);
    }

    @GET
    @Path("/signup-policy")
    public SignUpPolicy.View signUpPolicy() {
        current.get();
        return actions.signUpPolicy();
    }

    @PUT
    @Path("/signup-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    public SignUpPolicy.View changeSignUpPolicy(@NotNull @Valid SignUpPolicyChange change) {
        return actions.changeSignUpPolicy(current.get(), change.teacherSignUp());
    }

    /** Newest first. */
    @GET
    @Path("/audit")
    public ResultPage<AuditLog.View> auditLog(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                              @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        current.get();
        return actions.auditLog(page, size);
    }
}
