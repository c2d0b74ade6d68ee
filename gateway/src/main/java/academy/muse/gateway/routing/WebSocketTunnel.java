package academy.muse.gateway.routing;

import academy.muse.contracts.problem.Problem;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.Json;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.jboss.logging.Logger;

import java.net.ConnectException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards WebSocket upgrades to one service as a byte tunnel. The service answers the upgrade itself (it checks
 * the room ticket carried in {@code Sec-WebSocket-Protocol}, chooses the subprotocol, or refuses with 401/403),
 * and the browser gets exactly that answer. After the 101 every byte passes unchanged both ways, so frames,
 * pings and pongs (signaling's heartbeat), close codes and size limits stay the service's, end to end.
 *
 * <p>Each upgrade gets a connection of its own: an upgraded connection is never handed back to a pool, and one
 * that was refused is closed, never reused for another upgrade. The
 * generic proxy took its upgrade connections from a keep-alive pool of five, so five open WebSockets held the
 * whole pool and every further upgrade waited, forever, for one of them to close; when a waiting browser gave
 * up, its request was read to the end and the late proxy then failed with "Request has already been read",
 * leaking the service connection it had just upgraded. Here the only limit is
 * {@link RoutesConfig#maxWebSockets()}, and an upgrade over it is refused at once with 503.
 *
 * <p>A service with several replicas gets each room's connections on one replica ({@link ReplicaRing}: a
 * consistent hash of the room code); when that replica cannot be reached, the next one in the room's order is
 * tried, so a replica that just went away costs a split room, not a refused browser.
 *
 * <p>Nothing is read from the browser before the service has answered: the upgrade request has no body and a
 * browser sends no frame before the 101, so the request may end in the meantime without harm.
 */
final class WebSocketTunnel {

    private static final Logger LOG = Logger.getLogger(WebSocketTunnel.class);
    /** Headers about the service's own connection, not passed on with a refusal. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade");

    private final String name;
    private final WebSocketReplicas replicas;
    private final HttpClient client;

    WebSocketTunnel(Vertx vertx, String name, WebSocketReplicas replicas, RoutesConfig config) {
        this.name = name;
        this.replicas = replicas;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) config.connectTimeout().toMillis())
                        .setIdleTimeout((int) config.idleTimeout().toSeconds())
                        // Keep-alive only so that Vert.x leaves "Connection: Upgrade" alone (it would send
                        // "close"); no connection is ever reused: refused ones are closed below.
                        .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(config.maxWebSockets()).setMaxWaitQueueSize(0));
    }

    /** A WebSocket opening handshake (RFC 6455 section 4.1): GET with {@code Upgrade: websocket}. */
    static boolean isUpgrade(HttpServerRequest request) {
        String connection = request.getHeader(HttpHeaders.CONNECTION);
        return request.method() == HttpMethod.GET
                && "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))
                && connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade");
    }

    void handle(HttpServerRequest browser) {
        List<SocketAddress> order = replicas.ring().forRoom(ReplicaRing.roomOf(browser.path()));
        if (order.isEmpty()) {
            unavailable(browser, new IllegalStateException("no ready replica"));
            return;
        }
        upgrade(browser, order, 0);
    }

    /** Asks the replica at {@code index} of the room's order to upgrade; the next one if it cannot be reached. */
    private void upgrade(HttpServerRequest browser, List<SocketAddress> order, int index) {
        SocketAddress replica = order.get(index);
        client.request(upgradeRequest(browser, replica))
                .compose(request -> {
                    // Failures before the answer fail connect(); an upgraded stream later ends by its connection
                    // closing, which is how a tunnel normally ends: nothing to report.
                    request.exceptionHandler(failure -> LOG.debugf("WebSocket tunnel to %s: %s", name,
                            failure.getMessage()));
                    return request.connect();
                })
                .onSuccess(answer -> {
                    if (browser.response().closed()) {
                        // The browser gave up while the service answered: nobody to tunnel for.
                        answer.request().connection().close();
                    } else if (answer.statusCode() == 101) {
                        open(browser, answer);
                    } else {
                        refuse(browser, answer);
                    }
                })
                .onFailure(failure -> {
                    // Only a replica that cannot be reached passes the room on; a full pool is the limit, not a gap.
                    if (failure instanceof ConnectException && index + 1 < order.size() && !browser.response().closed()) {
                        LOG.debugf("Replica %s of %s unreachable for %s (%s); trying the next", replica, name,
                                browser.path(), failure.getMessage());
                        upgrade(browser, order, index + 1);
                    } else {
                        unavailable(browser, failure);
                    }
                });
    }

    /** The browser's handshake as the service must see it: same path, key, version, subprotocols, extensions. */
    private RequestOptions upgradeRequest(HttpServerRequest browser, SocketAddress replica) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : browser.headers()) {
            if (!header.getKey().equalsIgnoreCase("Host") && !header.getKey().equalsIgnoreCase("Connection")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        // Firefox sends "Connection: keep-alive, Upgrade"; the service gets the plain form.
        headers.set(HttpHeaders.CONNECTION, "Upgrade");
        headers.set("X-Forwarded-Host", browser.authority() == null ? "" : browser.authority().toString());
        headers.set("X-Forwarded-Proto", browser.scheme());
        if (browser.remoteAddress() != null) {
            headers.set("X-Forwarded-For", browser.remoteAddress().hostAddress());
        }
        return new RequestOptions().setServer(replica).setHost(replica.host()).setPort(replica.port())
                .setMethod(HttpMethod.GET).setURI(browser.uri()).setHeaders(headers);
    }

    /** The service switched protocols: answer the browser with the service's 101, then join the two sockets. */
    private void open(HttpServerRequest browser, HttpClientResponse accepted) {
        HttpConnection serviceConnection = accepted.request().connection();
        // The service speaks first (signaling's welcome follows its 101 at once): hold its bytes until the
        // browser's side is ready.
        accepted.pause();
        NetSocket service = accepted.netSocket();
        browser.response().setStatusCode(101).headers().addAll(accepted.headers());
        browser.toNetSocket().onComplete(switched -> {
            if (switched.failed()) {
                LOG.warnf("Could not switch the browser's connection to %s: %s", browser.path(),
                        switched.cause().getMessage());
                serviceConnection.close();
                return;
            }
            NetSocket socket = switched.result();
            // Whichever side goes first, the other follows at once: the service notices a vanished browser
            // without waiting for its heartbeat, and the browser hears a lost service as a closed socket.
            socket.closeHandler(ignored -> serviceConnection.close());
            serviceConnection.closeHandler(ignored -> socket.close());
            // Backpressure both ways: a slow reader pauses the other side instead of filling memory.
            socket.pipeTo(service);
            service.pipeTo(socket);
        });
    }

    /** The service refused the upgrade (401, 403, 404...): the browser gets the same status and body. */
    private void refuse(HttpServerRequest browser, HttpClientResponse refusal) {
        refusal.body().onComplete(body -> {
            var response = browser.response().setStatusCode(refusal.statusCode());
            refusal.headers().forEach(header -> {
                if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))
                        && !header.getKey().equalsIgnoreCase("Content-Length")) {
                    response.headers().add(header.getKey(), header.getValue());
                }
            });
            response.end(body.succeeded() ? body.result() : Buffer.buffer());
            refusal.request().connection().close();
        });
    }

    private void unavailable(HttpServerRequest browser, Throwable failure) {
        LOG.warnf("Service %s unreachable for WebSocket %s: %s", name, browser.path(), failure.getMessage());
        if (browser.response().ended() || browser.response().closed()) {
            return;
        }
        browser.response().setStatusCode(503)
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Retry-After", "5")
                .end(Json.encode(ServiceProxy.unavailable(name, browser.path())));
    }
}
