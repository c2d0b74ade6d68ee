package academy.muse.scheduling.series;

import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.scheduling.lesson.Clashes;
import academy.muse.scheduling.lesson.LessonView;
import academy.muse.scheduling.lesson.LessonViews;
import academy.muse.scheduling.lesson.Zones;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;

/** Weekly series: book one, see it with its occurrences, end it. */
@Path("/series")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SeriesResource {

    /** A series, its materialised occurrences and the students' clashes. */
    public record SeriesBooking(SeriesView series, List<LessonView> occurrences, List<Clashes.Warning> warnings) {
    }

    private final JsonWebToken token;
    private final SeriesService series;
    private final LessonViews views;

    SeriesResource(JsonWebToken token, SeriesService series, LessonViews views) {
        this.token = token;
        this.series = series;
        this.views = views;
    }

    @POST
    @RolesAllowed(Roles.TEACHER)
    @APIResponseSchema(value = SeriesBooking.class, responseCode = "201", responseDescription = "The booked series")
    public Response book(@Valid @NotNull SeriesRequests.BookSeries request, @QueryParam("zone") String zone) {
        ZoneId viewer = viewerZone(zone);
        SeriesService.BookedSeries booked = series.book(caller(), request);
        SeriesBooking body = new SeriesBooking(SeriesView.of(booked.series()),
                views.views(booked.occurrences(), viewer), booked.warnings());
        return Response.created(URI.create("series/" + booked.series().id)).entity(body).build();
    }

    @GET
    @Path("/{id}")
    public SeriesBooking one(@PathParam("id") String id, @QueryParam("zone") String zone) {
        Series found = series.visibleTo(caller(), id);
        return new SeriesBooking(SeriesView.of(found), views.views(series.occurrences(id), viewerZone(zone)), List.of());
    }

    /** Ends the series now: its occurrences that have not started are cancelled. */
    @POST
    @Path("/{id}/end")
    @RolesAllowed(Roles.TEACHER)
    public List<LessonView> end(@PathParam("id") String id, @Valid SeriesRequests.EndSeries request,
                                @QueryParam("zone") String zone) {
        ZoneId viewer = viewerZone(zone);
        String reason = request == null ? null : request.reason();
        return views.views(series.end(caller(), id, reason), viewer);
    }

    private Caller caller() {
        return Caller.from(token);
    }

    private ZoneId viewerZone(String override) {
        return Zones.viewer(override, caller().zone());
    }
}
