package academy.muse.recordings.usage;

import academy.muse.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Storage usage at {@code /usage}, public at {@code /api/recordings/usage}: a user's own, and every owner's for an
 * operator (docs/storage.md, "What an operator sees").
 */
@Path("/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final UsageReports reports;
    private final JsonWebToken token;

    UsageResource(UsageReports reports, JsonWebToken token) {
        this.reports = reports;
        this.token = token;
    }

    @GET
    @RolesAllowed(Roles.USER)
    public StorageUsage mine() {
        return reports.of(token.getSubject());
    }

    @GET
    @Path("owners")
    @RolesAllowed(Roles.ADMIN)
    public UsageReport owners() {
        return reports.report();
    }
}
