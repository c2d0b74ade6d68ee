package academy.muse.gateway.webapp;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;
import java.util.Set;

/**
 * Serves the web app (built by Maven from {@code gateway/web} into {@code META-INF/resources}, which Quarkus serves
 * as static files) with client-side routes: a page address of the app such as {@code /dashboard} or
 * {@code /r/<code>} is answered with {@code index.html}, and the app's router shows the page. Only the app's own
 * page addresses are: API, WebSocket, media and Quarkus paths are never shadowed, and any other path stays a
 * problem+json 404 like on every service.
 */
@ApplicationScoped
public class WebAppRoutes {

    /** After the service forwarding routes (-100), before the static files and the REST resources. */
    private static final int ORDER = -90;
    /** The app's pages (gateway/web/src/main.tsx): exact addresses, and prefixes followed by an id or token. */
    private static final Set<String> PAGES = Set.of("/", "/login", "/signup", "/dashboard", "/library", "/settings", "/admin");
    private static final List<String> PAGE_PREFIXES = List.of("/invite/", "/lessons/", "/r/");
    /** A page of its own under an id, e.g. {@code /lessons/<id>/edit}. */
    private static final String EDIT = "/edit";
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

    /**
     * A page address of the app: one of its pages, or a page prefix with one more segment that names no file
     * (optionally followed by {@code /edit}).
     */
    static boolean isClientRoute(String path) {
        if (PAGES.contains(path)) {
            return true;
        }
        for (String prefix : PAGE_PREFIXES) {
            if (path.startsWith(prefix)) {
                String rest = path.substring(prefix.length());
                String id = rest.endsWith(EDIT) ? rest.substring(0, rest.length() - EDIT.length()) : rest;
                return !id.isEmpty() && !id.contains("/") && !id.contains(".");
            }
        }
        return false;
    }

    /** The page itself is always revalidated, so a new release reaches every browser on its next load. */
    private static void noCache(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> context.response().headers().set("Cache-Control", "no-cache"));
    }
}
