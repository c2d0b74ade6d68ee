package academy.muse.scheduling.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the rooms service: a real HTTP server on a free loopback port that answers
 * {@code PUT /internal/rooms/{occurrenceId}} as rooms does (same occurrence → same room), or fails with 503
 * while switched off. It counts the rooms it opened per occurrence, which is how tests see double issuance.
 */
public final class StubRooms {

    private static final StubRooms INSTANCE = new StubRooms();

    private Vertx vertx;
    private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> requests = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile boolean answering = true;
    private volatile String lastAuthorization;
    private HttpServer server;

    private StubRooms() {
    }

    public static StubRooms instance() {
        return INSTANCE;
    }

    public synchronized int start() {
        if (server == null) {
            if (vertx == null) {
                vertx = Vertx.vertx();
            }
            try {
                server = vertx.createHttpServer().requestHandler(request -> {
                    calls.incrementAndGet();
                    String prefix = "/internal/rooms/";
                    if (!answering) {
                        request.response().setStatusCode(503).end();
                        return;
                    }
                    if (!"PUT".equals(request.method().name()) || !request.path().startsWith(prefix)) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    lastAuthorization = request.getHeader("Authorization");
                    String occurrenceId = request.path().substring(prefix.length());
                    request.body().onSuccess(body -> {
                        JsonObject lesson = body.toJsonObject();
                        requests.put(occurrenceId, lesson);
                        opened.computeIfAbsent(occurrenceId, id -> new AtomicInteger()).incrementAndGet();
                        String code = codeOf(occurrenceId);
                        request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
                                .put("code", code).put("joinLink", "http://localhost:8080/r/" + code)
                                .put("opensAt", lesson.getString("startsAt")).put("closesAt", lesson.getString("endsAt"))
                                .put("state", "scheduled").encode());
                    });
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The stub rooms server did not start", e);
            }
        }
        return server.actualPort();
    }

    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (vertx != null) {
            vertx.close();
            vertx = null;
        }
    }

    public static String codeOf(String occurrenceId) {
        return "R" + Integer.toHexString(occurrenceId.hashCode()).toUpperCase();
    }

    /** Rooms is down: every call gets 503. */
    public void failing() {
        answering = false;
    }

    public void answering() {
        answering = true;
    }

    /** How many times rooms opened (or re-opened) the room of this occurrence. */
    public int openedFor(String occurrenceId) {
        AtomicInteger count = opened.get(occurrenceId);
        return count == null ? 0 : count.get();
    }

    /** The last body scheduling sent for this occurrence's room. */
    public JsonObject requestFor(String occurrenceId) {
        return requests.get(occurrenceId);
    }

    public int calls() {
        return calls.get();
    }

    public String lastAuthorization() {
        return lastAuthorization;
    }
}
