package academy.muse.gateway.export;

import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.CurrentAccount;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** {@code GET /api/me/export}: the caller's data in one JSON document (docs/accounts.md#your-data). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TEACHER, Roles.STUDENT, Roles.OBSERVER, Roles.ADMIN})
public class ExportResource {

    private final CurrentAccount current;
    private final DataExport export;
    private final JsonWebToken token;

    ExportResource(CurrentAccount current, DataExport export, JsonWebToken token) {
        this.current = current;
        this.export = export;
        this.token = token;
    }

    /** Offered to the browser as a file to save; never cached (it holds playback links and addresses). */
    @GET
    @Path("/me/export")
    public Response exportData() {
        Account account = current.get();
        PersonalData data = export.of(account, token.getRawToken());
        return Response.ok(data)
                .header("Content-Disposition", "attachment; filename=\"muse-academy-data.json\"")
                .header("Cache-Control", "no-store").build();
    }
}
