package academy.muse.gateway.routing;

import academy.muse.contracts.problem.Problem;
import academy.muse.gateway.auth.LessonCreationGate;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.util.Map;

/**
 * Refuses {@link HiddenPaths} (404, before anything else sees the request), then mounts the forwarding routes
 * ahead of the gateway's own REST resources: {@code /api/<service>/*} for each
 * configured service, {@code /ws/*} to signaling (WebSocket upgrades through {@link WebSocketTunnel}) and
 * {@code /media/*} to vod. Anything else under
 * {@code /api} (accounts, {@code /api/me}) is the gateway's own.
 */
@ApplicationScoped
public class GatewayRoutes {

    private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
    /** Before Quarkus REST, so a forwarded path never reaches the gateway's own resources. */
    private static final int ORDER = -100;

    void mount(@Observes Router router, Vertx vertx, RoutesConfig config, LessonCreationGate gate) {
        router.route().order(ORDER - 1).handler(context -> {
            if (HiddenPaths.isHidden(context.request().path())) {
                notFound(context.response());
            } else {
                context.next();
            }
        });
        for (Map.Entry<String, URI> service : config.services().entrySet()) {
            String prefix = "/api/" + service.getKey();
            ServiceProxy proxy = new ServiceProxy(vertx, service.getKey(), service.getValue(), prefix, config);
            router.route(prefix + "/*").order(ORDER).handler(context -> {
                HttpServerRequest request = context.request();
                if (LessonCreationGate.createsLessons(request.method().name(), request.path())) {
                    forwardUnlessRefused(vertx, gate, request, proxy);
                } else {
                    proxy.handle(request);
                }
            });
            LOG.infof("Routing %s/* to %s", prefix, service.getValue());
        }
        mountUnprefixed(router, vertx, config, "/ws", config.websocketService());
        mountUnprefixed(router, vertx, config, "/media", config.mediaService());
    }

    /**
     * Asks the gate off the event loop (it reads the store), holding the request's body meanwhile; then either
     * forwards the request as it came or answers the gate's problem.
     */
    private static void forwardUnlessRefused(Vertx vertx, LessonCreationGate gate, HttpServerRequest request,
                                             ServiceProxy proxy) {
        request.pause();
        String authorization = request.getHeader("Authorization");
        vertx.executeBlocking(() -> gate.refusal(authorization, request.path()), false).onComplete(decided -> {
            if (decided.failed() || decided.result().isPresent()) {
                request.resume(); // the body is not wanted: read and dropped, so the connection stays usable
            }
            if (decided.failed()) {
                LOG.warnf("Could not decide whether %s may create lessons: %s", request.path(), decided.cause().toString());
                problem(request.response(), Problem.of(503, "service-unavailable", "Service unavailable",
                        "Lessons cannot be created right now; try again shortly"));
            } else if (decided.result().isPresent()) {
                problem(request.response(), decided.result().get());
            } else {
                proxy.handle(request);
            }
        });
    }

    private static void problem(HttpServerResponse response, Problem problem) {
        response.setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(Json.encode(problem));
    }

    private static void notFound(HttpServerResponse response) {
        problem(response, Problem.of(404, "not-found", "Not found", "There is nothing at this address"));
    }

    private void mountUnprefixed(Router router, Vertx vertx, RoutesConfig config, String path, String serviceName) {
        URI target = config.services().get(serviceName);
        if (target == null) {
            router.route(path + "/*").order(ORDER).handler(context -> context.response().setStatusCode(503)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(Json.encode(Problem.of(503, "service-unavailable", "Service unavailable",
                            "No route to " + serviceName + " is configured"))));
            return;
        }
        ServiceProxy proxy = new ServiceProxy(vertx, serviceName, target, "", config);
        if (path.equals("/ws")) {
            WebSocketTunnel tunnel = new WebSocketTunnel(vertx, serviceName,
                    WebSocketReplicas.of(vertx, target, config.websocketReplicas()), config);
            router.route(path + "/*").order(ORDER).handler(context -> {
                if (WebSocketTunnel.isUpgrade(context.request())) {
                    tunnel.handle(context.request());
                } else {
                    proxy.handle(context.request());
                }
            });
        } else {
            router.route(path + "/*").order(ORDER).handler(context -> proxy.handle(context.request()));
        }
        LOG.infof("Routing %s/* to %s", path, target);
    }
}
