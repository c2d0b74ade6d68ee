package academy.muse.gateway.routing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for another team's service behind the gateway: it echoes what it received (method, path,
 * forwarded headers, body size) and serves WebSockets as {@link WebSocketStub} describes, so the tests see
 * exactly what was forwarded.
 * "rooms" points at a port where nothing listens, to prove the 503. The WebSocket service has two replicas for
 * room affinity: the stub and one where nothing listens, so every WebSocket test also proves that a room whose
 * replica cannot be reached is taken by the next one in its order.
 */
public class StubServiceResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        // Like signaling: it chooses the subprotocol "bearer-token-carrier" when a client offers it, and takes
        // frames and messages of up to 256 KiB.
        HttpServer server = vertx.createHttpServer(new HttpServerOptions()
                        .setWebSocketSubProtocols(List.of(WebSocketStub.SUBPROTOCOL))
                        .setMaxWebSocketFrameSize(262144).setMaxWebSocketMessageSize(262144))
                .requestHandler(request -> {
                    if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
                        WebSocketStub.upgrade(request);
                        return;
                    }
                    request.body().onSuccess(body -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(new JsonObject()
                                .put("method", request.method().name())
                                .put("uri", request.uri())
                                .put("forwardedPrefix", request.getHeader("X-Forwarded-Prefix"))
                                .put("forwardedHost", request.getHeader("X-Forwarded-Host"))
                                .put("bodyBytes", body.length())
                                .encode()));
                });
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String stub = "http://127.0.0.1:" + server.actualPort();
        return Map.of(
                "muse.gateway.services.scheduling", stub,
                "muse.gateway.services.signaling", stub,
                "muse.gateway.services.vod", stub,
                "muse.gateway.services.rooms", "http://127.0.0.1:" + closedPort(),
                "muse.gateway.services.recordings", stub,
                "muse.gateway.websocket-replicas.endpoints", stub + ",http://127.0.0.1:" + closedPort());
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
