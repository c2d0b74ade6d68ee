package academy.muse.scheduling.lesson;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.scheduling.series.SeriesService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Lessons: book a single one, list, see one, move or cancel one (or it and the following ones), history. */
@Path("/lessons")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LessonResource {

    /** Lessons and the students' clashes the teacher should know about. */
    public record Booking(List<LessonView> lessons, List<Clashes.Warning> warnings) {
    }

    private final JsonWebToken token;
    private final LessonService lessons;
    private final SeriesService series;
    private final Clock clock;
    private final LessonViews views;

    LessonResource(JsonWebToken token, LessonService lessons, SeriesService series, LessonViews views, Clock clock) {
        this.clock = clock;
        this.token = token;
        this.lessons = lessons;
        this.series = series;
        this.views = views;
    }

    @POST
    @RolesAllowed(Roles.TEACHER)
    @APIResponseSchema(value = Booking.class, responseCode = "201", responseDescription = "The booked lesson")
    public Response book(@Valid @NotNull LessonRequests.BookLesson request, @QueryParam("zone") String zone) {
        ZoneId viewer = viewerZone(zone);
        LessonService.Booked booked = lessons.bookSingle(caller(), request);
        return Response.created(URI.create("lessons/" + booked.lessons().get(0).id))
                .entity(booking(booked, viewer)).build();
    }

    /** The caller's lessons overlapping {@code [from, to)} (default: from now, four weeks ahead). */
    @GET
    public List<LessonView> list(@QueryParam("from") String from, @QueryParam("to") String to,
                                 @QueryParam("zone") String zone) {
        Instant start = instant("from", from, clock.instant());
        Instant end = instant("to", to, start.plus(Duration.ofDays(28)));
        if (!end.isAfter(start)) {
            throw ProblemException.unprocessable("end-before-start", "'to' must be after 'from'");
        }
        return views.views(lessons.between(caller(), start, end), viewerZone(zone));
    }

    @GET
    @Path("/history")
    public List<LessonView> history(@QueryParam("zone") String zone) {
        return views.views(lessons.history(caller()), viewerZone(zone));
    }

    @GET
    @Path("/{id}")
    public LessonView one(@PathParam("id") String id, @QueryParam("zone") String zone) {
        return views.view(lessons.visibleTo(caller(), id), viewerZone(zone));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.TEACHER)
    public Booking change(@PathParam("id") String id, @Valid @NotNull LessonRequests.ChangeLesson change,
                          @QueryParam("zone") String zone) {
        ZoneId viewer = viewerZone(zone);
        LessonService.Booked booked = change.following() ? series.changeFollowing(caller(), id, change)
                : lessons.changeOne(caller(), id, change);
        return booking(booked, viewer);
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.TEACHER)
    public List<LessonView> cancel(@PathParam("id") String id, @Valid @NotNull LessonRequests.CancelLesson cancel,
                                   @QueryParam("zone") String zone) {
        ZoneId viewer = viewerZone(zone);
        String reason = cancel.reason() == null ? "cancelled by the teacher" : cancel.reason();
        List<Lesson> cancelled = cancel.following() ? series.cancelFollowing(caller(), id, reason)
                : lessons.cancel(List.of(lessons.ownedBy(caller(), id)), reason);
        return views.views(cancelled, viewer);
    }

    private Booking booking(LessonService.Booked booked, ZoneId viewer) {
        return new Booking(views.views(booked.lessons(), viewer), booked.warnings());
    }

    private Caller caller() {
        return Caller.from(token);
    }

    private ZoneId viewerZone(String override) {
        return Zones.viewer(override, caller().zone());
    }

    private static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest("malformed-instant",
                    "'" + name + "' must be an ISO-8601 instant such as 2026-12-01T08:00:00Z");
        }
    }
}
