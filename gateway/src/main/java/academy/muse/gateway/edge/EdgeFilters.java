package academy.muse.gateway.edge;

import academy.muse.contracts.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every answer carries the browser protections the web app needs (a content security policy that allows only the
 * app's own scripts, no framing, no MIME sniffing, a strict referrer policy, and HSTS over HTTPS); every request
 * body outside the tus upload routes is small.
 */
@ApplicationScoped
public class EdgeFilters {

    /** Before everything else: the service forwarding routes (-100) and the web app's routes (-90). */
    private static final int ORDER = -200;
    /**
     * Scripts, styles and everything fetched come from the app's own origin (WebSockets to it included); media and
     * images may also be blob:/data: (players feed segments through blob URLs; the camera preview); nothing may
     * frame the app, and no plugin runs.
     */
    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: blob:",
            "media-src 'self' blob:", "worker-src 'self' blob:", "connect-src 'self'", "object-src 'none'",
            "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'");
    /** The only routes whose bodies may be large: tus uploads forwarded to recordings. */
    private static final String UPLOADS = "/api/recordings/uploads";

    private final EdgeConfig config;

    EdgeFilters(EdgeConfig config) {
        this.config = config;
    }

    void mount(@Observes Router router) {
        router.route().order(ORDER).handler(this::filter);
    }

    private void filter(RoutingContext context) {
        String hsts = "https".equals(context.request().scheme())
                ? "max-age=" + config.hstsMaxAge().toSeconds() + "; includeSubDomains" : null;
        context.addHeadersEndHandler(ignored -> protect(context.response().headers(), hsts));
        if (!context.normalizedPath().startsWith(UPLOADS) && tooLarge(context.request().headers())) {
            context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .putHeader("Connection", "close")
                    .end(Json.encode(Problem.of(413, "too-large", "Payload too large",
                            "A request body here may have at most " + config.maxJsonBodyBytes() + " bytes")));
            return;
        }
        context.next();
    }

    /** Over the limit by its Content-Length, or of unknown length (chunked), which only uploads need. */
    private boolean tooLarge(MultiMap headers) {
        String length = headers.get("Content-Length");
        if (length == null) {
            return headers.contains("Transfer-Encoding");
        }
        try {
            return Long.parseLong(length.trim()) > config.maxJsonBodyBytes();
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void protect(MultiMap headers, String hsts) {
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (hsts != null) {
            headers.set("Strict-Transport-Security", hsts);
        }
    }
}
