package academy.muse.gateway.invitation;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.CurrentAccount;
import academy.muse.gateway.account.RelationGraph;
import academy.muse.gateway.account.RelationsView;
import academy.muse.gateway.account.Account;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Teachers invite students and observers; the invitee previews the invitation, then signs up or accepts. */
@Path("/api/auth/invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final Invitations invitations;
    private final CurrentAccount current;
    private final RelationGraph relations;

    InvitationResource(Invitations invitations, CurrentAccount current, RelationGraph relations) {
        this.invitations = invitations;
        this.current = current;
        this.relations = relations;
    }

    @POST
    @RolesAllowed(Roles.TEACHER)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@NotNull @Valid InvitationRequest request) {
        return Response.status(Response.Status.CREATED)
                .header("Cache-Control", "no-store")
                .entity(invitations.create(current.get(), request))
                .build();
    }

    /** Public: the sign-up page shows who invites, as what. 404 unknown, 410 used or expired. */
    @GET
    @Path("/{token}")
    public InvitationPreview preview(@PathParam("token") String token) {
        return invitations.preview(token);
    }

    /** An existing student or observer accepts another invitation; a refreshed access token carries the new relation. */
    @POST
    @Path("/{token}/accept")
    @RolesAllowed({Roles.STUDENT, Roles.OBSERVER})
    public RelationsView accept(@PathParam("token") String token) {
        Account invitee = current.get();
        invitations.accept(invitee, token);
        return relations.viewFor(invitee);
    }
}
