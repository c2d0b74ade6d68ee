package academy.muse.gateway.export;

import academy.muse.gateway.AnotherService;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for scheduling and vod behind the gateway, answering like them for one person: it verifies the bearer
 * token as they would ({@link AnotherService}, 401 without a valid one) and answers with that caller's one lesson,
 * one ready replay and its playback URLs. A request that creates a lesson is echoed (method, path, body size), so a
 * test sees exactly what the gateway forwarded. {@link #down(boolean)} makes vod answer 500, like a failing service.
 */
public class PeoplesServicesStub implements QuarkusTestResourceLifecycleManager {

    private static volatile boolean vodDown;
    private Vertx vertx;

    public static void down(boolean down) {
        vodDown = down;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String caller = callerOf(request);
            if (caller == null) {
                request.response().setStatusCode(401).end();
            } else if (request.path().startsWith("/assets") && vodDown) {
                request.response().setStatusCode(500).end();
            } else {
                request.response().putHeader("Content-Type", "application/json")
                        .end(answer(request, caller, body.length()));
            }
        }));
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String stub = "http://127.0.0.1:" + server.actualPort();
        return Map.of("muse.gateway.services.scheduling", stub, "muse.gateway.services.vod", stub);
    }

    private static String callerOf(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        try {
            return authorization == null ? null : AnotherService.verify(authorization.substring("Bearer ".length())).getSubject();
        } catch (Exception invalid) {
            return null;
        }
    }

    private static String answer(HttpServerRequest request, String caller, int bodyBytes) {
        String path = request.path();
        if ("POST".equals(request.method().name()) && (path.equals("/lessons") || path.equals("/series"))) {
            return new JsonObject().put("method", "POST").put("uri", request.uri()).put("bodyBytes", bodyBytes).encode();
        }
        if (path.equals("/lessons")) {
            return new JsonArray().add(new JsonObject().put("id", "lesson-of-" + caller).put("title", "Violin")
                    .put("query", request.query())).encode();
        }
        if (path.equals("/assets")) {
            return new JsonArray()
                    .add(new JsonObject().put("id", "replay-of-" + caller).put("kind", "lesson").put("status", "ready"))
                    .add(new JsonObject().put("id", "preview-of-" + caller).put("kind", "material").put("status", "processing"))
                    .encode();
        }
        if (path.matches("/assets/[^/]+/playback")) {
            return new JsonObject().put("hls", "/media/signed/" + path.split("/")[2] + "/master.m3u8").encode();
        }
        return new JsonObject().put("unexpected", request.uri()).encode();
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
