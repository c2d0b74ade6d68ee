package academy.muse.gateway.webapp;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Serves the web app (built by Maven from {@code gateway/web} into {@code META-INF/resources}, which Quarkus serves
 * as static files) with client-side routes: a page address such as {@code /dashboard} or {@code /r/<code>} is
 * answered with {@code index.html}, and the app's router shows the page. API, WebSocket, media and Quarkus paths
 * are never shadowed, and a path that names a file ({@code /favicon.svg}) stays a 404 when the file is missing.
 */
@ApplicationScoped
public class WebAppRoutes {

    /** After the service forwarding routes (-100), before the static files and the REST resources. */
    private static final int ORDER = -90;
    private static final List<String> RESERVED = List.of("/api", "/ws", "/media", "/q");
    private static final String INDEX = "/index.html";

    void mount(@Observes Router router) {
        router.route().order(ORDER).handler(this::route);
    }

    private void route(RoutingContext context) {
        String path = context.normalizedPath();
        HttpMethod method = context.request().method();
        boolean readsPage = method == HttpMethod.GET || method == HttpMethod.HEAD;
        if (readsPage && isClientRoute(path)) {
            noCache(context);
            context.reroute(INDEX);
            return;
        }
        if (path.equals(INDEX)) {
            noCache(context);
        } else if (path.startsWith("/assets/")) {
            // Vite names every asset by its content hash, so a cached copy is never stale.
            context.addHeadersEndHandler(ignored -> context.response().headers()
                    .set("Cache-Control", "public, max-age=31536000, immutable"));
        }
        context.next();
    }

    /** A page address of the app: not reserved for the services and not a file name. */
    static boolean isClientRoute(String path) {
        if (path.equals(INDEX)) {
            return false;
        }
        for (String prefix : RESERVED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return false;
            }
        }
        String lastSegment = path.substring(path.lastIndexOf('/') + 1);
        return !lastSegment.contains(".");
    }

    /** The page itself is always revalidated, so a new release reaches every browser on its next load. */
    private static void noCache(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> context.response().headers().set("Cache-Control", "no-cache"));
    }
}
