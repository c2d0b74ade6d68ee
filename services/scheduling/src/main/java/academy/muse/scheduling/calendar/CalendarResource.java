package academy.muse.scheduling.calendar;

import academy.muse.platform.security.Roles;
import academy.muse.platform.security.Caller;
import academy.muse.scheduling.config.SchedulingConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

/**
 * Private calendar feeds. A signed-in user makes (or rotates) their feed URL and may revoke it; a calendar
 * app fetches the feed with only the secret in the URL, as calendar apps cannot send tokens.
 */
@Path("/calendar")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar";

    /** @param url the feed URL to paste into a calendar app; keep it private */
    public record FeedLink(String token, String url) {
    }

    private final JsonWebToken jwt;
    private final CalendarTokens tokens;
    private final CalendarFeed feed;
    private final SchedulingConfig config;

    CalendarResource(JsonWebToken jwt, CalendarTokens tokens, CalendarFeed feed, SchedulingConfig config) {
        this.jwt = jwt;
        this.tokens = tokens;
        this.feed = feed;
        this.config = config;
    }

    /** Creates the caller's feed URL; the previous one (if any) stops working. */
    @POST
    @Path("/token")
    @RolesAllowed(Roles.USER)
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponseSchema(value = FeedLink.class, responseCode = "201", responseDescription = "The new feed link")
    public Response rotate() {
        String token = tokens.rotate(Caller.from(jwt));
        return Response.status(Response.Status.CREATED)
                .entity(new FeedLink(token, config.publicBaseUrl() + "/calendar/" + token + ".ics")).build();
    }

    @DELETE
    @Path("/token")
    @RolesAllowed(Roles.USER)
    public Response revoke() {
        tokens.revoke(Caller.from(jwt).id());
        return Response.noContent().build();
    }

    @GET
    @Path("/{token}.ics")
    @PermitAll
    @Produces(TEXT_CALENDAR)
    public Response feed(@PathParam("token") String token) {
        String calendar = feed.render(tokens.resolve(token));
        return Response.ok(calendar, TEXT_CALENDAR + "; charset=utf-8")
                .header("Cache-Control", "private, max-age=300").build();
    }
}
