package academy.muse.gateway.account;

import academy.muse.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** The caller's own account and relations, and the profiles of the people they are related to. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.OBSERVER, Roles.ADMIN})
public class AccountResource {

    private final CurrentAccount current;
    private final Accounts accounts;
    private final RelationGraph relations;

    AccountResource(CurrentAccount current, Accounts accounts, RelationGraph relations) {
        this.current = current;
        this.accounts = accounts;
        this.relations = relations;
    }

    @GET
    @Path("/me")
    public AccountView me() {
        return AccountView.of(current.get());
    }

    /** Changes name, zone or locale; the next refreshed access token carries the change. */
    @PATCH
    @Path("/me")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountView update(@NotNull @Valid ProfileUpdate update) {
        return AccountView.of(accounts.updateProfile(current.get(), update));
    }

    @GET
    @Path("/me/relations")
    public RelationsView relations() {
        return relations.viewFor(current.get());
    }

    /** 404 both when the account does not exist and when the caller may not see it. */
    @GET
    @Path("/accounts/{id}")
    public Profile profile(@PathParam("id") String id) {
        return accounts.profileFor(current.get(), id);
    }

    @GET
    @Path("/accounts")
    @RolesAllowed(Roles.ADMIN)
    public List<AccountView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                  @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
        current.get(); // an admin's access token, not a service token that happens to say "admin"
        return accounts.list(page, size);
    }
}
