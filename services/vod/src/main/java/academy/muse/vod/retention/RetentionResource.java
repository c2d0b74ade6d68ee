package academy.muse.vod.retention;

import academy.muse.vod.policy.RetentionPolicies;
import academy.muse.vod.policy.RetentionPolicy;
import academy.muse.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A teacher's own retention: {@code /api/vod/retention} through the gateway. Reading it without having set one
 * shows the operator's defaults, which apply until the teacher saves their own.
 */
@Path("/retention")
@RolesAllowed(Roles.TEACHER)
@Produces(MediaType.APPLICATION_JSON)
public class RetentionResource {

    private final RetentionPolicies policies;
    private final JsonWebToken token;

    RetentionResource(RetentionPolicies policies, JsonWebToken token) {
        this.policies = policies;
        this.token = token;
    }

    @GET
    public RetentionPolicy get() {
        return policies.effective(token.getSubject());
    }

    /** Replaces the teacher's policy; shorter months take effect at the next retention run, after the grace period. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public RetentionPolicy put(@Valid @NotNull(message = "a retention policy is required") RetentionPolicy policy) {
        policies.save(token.getSubject(), policy);
        return policy;
    }
}
