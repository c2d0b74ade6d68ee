package academy.muse.gateway.auth;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Following a mailed link that confirms an address. The link opens the web app's page, which posts the token here:
 * a mail program or scanner that merely fetches the link does not spend it.
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class VerificationResource {

    private final EmailVerifications verifications;

    VerificationResource(EmailVerifications verifications) {
        this.verifications = verifications;
    }

    public record Confirmation(@NotBlank @Size(max = 100) String token) {
    }

    /** 200 with the address confirmed and what for ({@code sign-up} or {@code email-change}); 410 for a spent link. */
    @POST
    @Path("/verify-email")
    public EmailVerifications.Confirmed confirm(@NotNull @Valid Confirmation confirmation) {
        return verifications.confirm(confirmation.token());
    }
}
