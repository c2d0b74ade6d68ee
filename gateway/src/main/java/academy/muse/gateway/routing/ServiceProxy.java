package academy.muse.gateway.routing;

import academy.muse.contracts.problem.Problem;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyOptions;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import org.jboss.logging.Logger;

import java.net.URI;

/**
 * A reverse proxy to one service (Vert.x HTTP proxy): streams bodies both ways, strips the public prefix, and
 * answers problem+json 503 when the service cannot be reached. WebSocket upgrades to the {@code /ws} route go
 * through {@link WebSocketTunnel} instead.
 */
final class ServiceProxy {

    private static final Logger LOG = Logger.getLogger(ServiceProxy.class);

    private final String name;
    private final String publicPrefix;
    private final HttpProxy proxy;

    ServiceProxy(Vertx vertx, String name, URI target, String publicPrefix, RoutesConfig config) {
        this.name = name;
        this.publicPrefix = publicPrefix;
        HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setIdleTimeout((int) config.idleTimeout().toSeconds())
                .setKeepAlive(true));
        SocketAddress origin = SocketAddress.inetSocketAddress(port(target), target.getHost());
        this.proxy = HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(true), client)
                .originRequestProvider((request, httpClient) -> httpClient.request(new RequestOptions()
                        .setServer(origin)
                        .setIdleTimeout(config.idleTimeout().toMillis())))
                .addInterceptor(new Forwarding());
    }

    void handle(HttpServerRequest request) {
        proxy.handle(request);
    }

    static int port(URI target) {
        return target.getPort() > 0 ? target.getPort() : ("https".equals(target.getScheme()) ? 443 : 80);
    }

    /** Rewrites the path, tells the service where the request came from, and turns failures into problems. */
    private final class Forwarding implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            ProxyRequest request = context.request();
            HttpServerRequest incoming = request.proxiedRequest();
            if (!publicPrefix.isEmpty() && request.getURI().startsWith(publicPrefix)) {
                String rest = request.getURI().substring(publicPrefix.length());
                request.setURI(rest.isEmpty() || rest.startsWith("?") ? "/" + rest : rest);
                request.headers().set("X-Forwarded-Prefix", publicPrefix);
            }
            request.headers().set("X-Forwarded-Host", incoming.authority() == null ? "" : incoming.authority().toString());
            request.headers().set("X-Forwarded-Proto", incoming.scheme());
            if (incoming.remoteAddress() != null) {
                request.headers().set("X-Forwarded-For", incoming.remoteAddress().hostAddress());
            }
            return context.sendRequest().recover(failure -> {
                LOG.warnf("Service %s unreachable for %s %s: %s", name, request.getMethod(), incoming.path(),
                        failure.getMessage());
                return Future.succeededFuture(unavailable(request, incoming.path()));
            });
        }
    }

    /** What a caller is told when a service cannot be reached (answered with 503 and Retry-After). */
    static Problem unavailable(String service, String path) {
        return new Problem(Problem.TYPE_BASE + "service-unavailable", "Service unavailable", 503,
                "The " + service + " service cannot be reached right now; try again shortly", path, null);
    }

    private ProxyResponse unavailable(ProxyRequest request, String path) {
        Buffer body = Buffer.buffer(Json.encode(unavailable(name, path)));
        ProxyResponse response = request.release().response();
        response.headers().clear();
        return response.setStatusCode(503).setStatusMessage("Service Unavailable")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "5")
                .setBody(Body.body(body));
    }
}
