package academy.muse.gateway.export;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.routing.RoutesConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads from another service on a person's behalf, with their own access token: the service applies its own rules
 * of who may see what, so the export holds exactly what the person can see in the app, no more. A service that does
 * not answer (or answers with an error) fails the whole export with 503 rather than leaving a silent gap in it.
 */
@ApplicationScoped
class ServiceReads {

    private static final Logger LOG = Logger.getLogger(ServiceReads.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final RoutesConfig routes;
    private final ObjectMapper json;
    private final HttpClient http;

    ServiceReads(RoutesConfig routes, ObjectMapper json) {
        this.routes = routes;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(routes.connectTimeout()).build();
    }

    JsonNode get(String service, String pathAndQuery, String accessToken) {
        return send(service, pathAndQuery, HttpRequest.newBuilder().GET(), accessToken);
    }

    JsonNode post(String service, String path, String accessToken) {
        return send(service, path, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()), accessToken);
    }

    private JsonNode send(String service, String pathAndQuery, HttpRequest.Builder request, String accessToken) {
        URI base = routes.services().get(service);
        if (base == null) {
            throw unavailable(service);
        }
        try {
            String root = base.toString().endsWith("/") ? base.toString() : base + "/";
            HttpResponse<String> answer = http.send(request.uri(URI.create(root + pathAndQuery)).timeout(TIMEOUT)
                    .header("Authorization", "Bearer " + accessToken).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                LOG.warnf("Export: %s answered %d for %s", service, answer.statusCode(), pathAndQuery);
                throw unavailable(service);
            }
            return json.readTree(answer.body());
        } catch (IOException e) {
            LOG.warnf("Export: %s unreachable for %s: %s", service, pathAndQuery, e.toString());
            throw unavailable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service);
        }
    }

    private static ProblemException unavailable(String service) {
        return ProblemException.unavailable("The " + service + " service cannot give its part of your data right now, "
                + "so the export would be incomplete: try again shortly");
    }
}
