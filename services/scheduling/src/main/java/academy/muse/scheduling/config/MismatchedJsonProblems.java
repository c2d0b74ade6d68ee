package academy.muse.scheduling.config;

import academy.muse.contracts.problem.ProblemMappers;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Quarkus answers JSON of the wrong shape (a date that is not a date, an unknown weekday) with its own plain
 * JSON; this keeps such answers problem+json like every other error, by the shared mapping.
 */
public class MismatchedJsonProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return problems.malformedJson(e, uri);
    }
}
