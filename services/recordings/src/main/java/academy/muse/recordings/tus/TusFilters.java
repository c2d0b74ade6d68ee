package academy.muse.recordings.tus;

import academy.muse.contracts.problem.ProblemException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.Set;

/** The protocol rules that hold for every tus request and response. */
public class TusFilters {

    private static final Set<String> OVERRIDABLE = Set.of(HttpMethod.PATCH, HttpMethod.DELETE);

    /** Clients behind proxies that drop PATCH or DELETE send a POST with {@code X-HTTP-Method-Override}. */
    @ServerRequestFilter(preMatching = true)
    public void methodOverride(ContainerRequestContext request) {
        String override = request.getHeaderString(Tus.METHOD_OVERRIDE);
        if (isTus(request) && HttpMethod.POST.equals(request.getMethod()) && override != null
                && OVERRIDABLE.contains(override.trim().toUpperCase())) {
            request.setMethod(override.trim().toUpperCase());
        }
    }

    /** Every request but OPTIONS names the protocol version it speaks; only 1.0.0 is spoken here. */
    @ServerRequestFilter
    public void requireVersion(ContainerRequestContext request) {
        if (!isTus(request) || HttpMethod.OPTIONS.equals(request.getMethod())) {
            return;
        }
        String version = request.getHeaderString(Tus.RESUMABLE);
        if (!Tus.VERSION.equals(version)) {
            throw new ProblemException(412, "unsupported-tus-version", "Precondition failed",
                    "Tus-Resumable must be " + Tus.VERSION, Map.of(Tus.TUS_VERSION, Tus.VERSION));
        }
    }

    @ServerResponseFilter
    public void announceVersion(ContainerRequestContext request, ContainerResponseContext response) {
        if (isTus(request)) {
            response.getHeaders().putSingle(Tus.RESUMABLE, Tus.VERSION);
        }
    }

    private static boolean isTus(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.matches("(.*/)?uploads(/[^/]+)?/?");
    }
}
