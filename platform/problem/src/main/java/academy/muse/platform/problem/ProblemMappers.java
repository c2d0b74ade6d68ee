package academy.muse.platform.problem;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.contracts.problem.Problem;
import academy.muse.contracts.validation.PlainText;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.Comparator;
import java.util.List;

/**
 * The one set of exception mappers every service shares: every error leaves as
 * {@code application/problem+json} with a stable type.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(e.toProblem(), uri);
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(error -> error.field() + ": " + error.message())
                .reduce((a, b) -> a + "; " + b).orElse("The request is invalid");
        Problem problem = onlyControlCharacters(e)
                ? new Problem(Problem.TYPE_BASE + PlainText.PROBLEM, "Invalid characters", 422, detail, null, errors)
                : new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, null, errors);
        return respond(problem, uri).build();
    }

    /** Well-formed text that carries control characters is 422, not a malformed request. */
    private static boolean onlyControlCharacters(ConstraintViolationException e) {
        return !e.getConstraintViolations().isEmpty() && e.getConstraintViolations().stream().allMatch(violation ->
                violation.getConstraintDescriptor().getAnnotation().annotationType() == PlainText.class);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(Problem.of(400, "unknown-field", "Bad request",
                "Unknown field '" + e.getPropertyName() + "'"), uri).build();
    }

    /** JSON of the wrong shape (a date that is not a date); Quarkus would otherwise answer it in its own format. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        return respond(Problem.of(400, "malformed-json", "Bad request",
                "The request body is not valid JSON for this resource: " + e.getOriginalMessage()), uri).build();
    }

    @ServerExceptionMapper
    public Response duplicate(MongoWriteException e, UriInfo uri) {
        if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
            return respond(Problem.of(409, "duplicate", "Conflict", "This already exists"), uri).build();
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response storeDown(MongoTimeoutException e, UriInfo uri) {
        LOG.warnf("Database unreachable while serving %s: %s", uri.getPath(), e.getMessage());
        return respond(Problem.of(503, "dependency-unavailable", "Temporarily unavailable",
                "The database is unreachable; try again shortly"), uri).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return respond(Problem.of(401, "unauthorized", "Not signed in",
                "A valid access token is required"), uri).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Not allowed", "You may not do this"), uri).build();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps a body it cannot read in a 400; name the real reason.
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (e.getCause() instanceof JsonProcessingException malformed) {
            return malformedJson(malformed, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Failed to serve %s", uri.getPath());
        }
        Response.StatusType statusType = e.getResponse().getStatusInfo();
        String detail = status == 404 ? "Nothing is here" : e.getMessage();
        return respond(Problem.of(status, slug(statusType.getReasonPhrase()), statusType.getReasonPhrase(), detail), uri)
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure serving %s", uri.getPath());
        return respond(Problem.of(500, "internal", "Internal error",
                "Something went wrong on our side; it has been logged"), uri).build();
    }

    private static Response.ResponseBuilder respond(Problem problem, UriInfo uri) {
        Problem withInstance = new Problem(problem.type(), problem.title(), problem.status(), problem.detail(),
                uri == null ? null : uri.getPath(), problem.errors());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(withInstance);
    }

    private static String field(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        int firstDot = path.indexOf('.');
        // "create.request.name" -> "request.name" -> the caller knows the body; keep the field part.
        String withoutMethod = firstDot >= 0 ? path.substring(firstDot + 1) : path;
        int secondDot = withoutMethod.indexOf('.');
        return secondDot >= 0 ? withoutMethod.substring(secondDot + 1) : withoutMethod;
    }

    private static String slug(String reason) {
        return reason == null ? "error" : reason.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }
}
