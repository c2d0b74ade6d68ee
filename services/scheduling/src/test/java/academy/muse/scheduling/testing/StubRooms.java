package academy.muse.scheduling.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the rooms service: a real HTTP server on a free loopback port that answers
 * {@code PUT /internal/rooms/{occurrenceId}} and the batch {@code PUT /internal/rooms} as rooms does (same occurrence
 * → same room), or fails with 503 while switched off. It counts the rooms it opened per occurrence, which is how tests see double issuance.
 */
public final class StubRooms {

    private static final StubRooms INSTANCE = new StubRooms();

    private Vertx vertx;
    private final Map<String, AtomicInteger> opened = new ConcurrentHashMap<>();
    private final Map<String, JsonObject> requests = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger batchCalls = new AtomicInteger();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
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
                    String batchPath = "/internal/rooms";
                    String prefix = batchPath + "/";
                    if (!answering) {
                        request.response().setStatusCode(503).end();
                        return;
                    }
                    boolean batch = request.path().equals(batchPath);
                    if (!"PUT".equals(request.method().name()) || !(batch || request.path().startsWith(prefix))) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    lastAuthorization = request.getHeader("Authorization");
                    request.body().onSuccess(body -> {
                        if (batch) {
                            answerBatch(request.response(), body.toJsonArray());
                        } else {
                            answerOne(request.response(), request.path().substring(prefix.length()), body.toJsonObject());
                        }
                    });
                }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("The stub rooms server did not start", e);
            }
        }
        return server.actualPort();
    }

    /** As rooms does: the whole batch is refused (422) when one of its lessons is. */
    private void answerBatch(HttpServerResponse response, JsonArray asked) {
        batchCalls.incrementAndGet();
        if (asked.stream().map(JsonObject.class::cast).anyMatch(item -> refused.contains(item.getString("occurrenceId")))) {
            response.setStatusCode(422).end();
            return;
        }
        JsonArray issued = new JsonArray();
        asked.stream().map(JsonObject.class::cast).forEach(item -> issued.add(new JsonObject()
                .put("occurrenceId", item.getString("occurrenceId"))
                .put("room", open(item.getString("occurrenceId"), item.getJsonObject("room")))));
        response.putHeader("Content-Type", "application/json").end(issued.encode());
    }

    private void answerOne(HttpServerResponse response, String occurrenceId, JsonObject lesson) {
        if (refused.contains(occurrenceId)) {
            response.setStatusCode(422).end();
            return;
        }
        response.putHeader("Content-Type", "application/json").end(open(occurrenceId, lesson).encode());
    }

    private JsonObject open(String occurrenceId, JsonObject lesson) {
        requests.put(occurrenceId, lesson);
        opened.computeIfAbsent(occurrenceId, id -> new AtomicInteger()).incrementAndGet();
        String code = codeOf(occurrenceId);
        return new JsonObject().put("code", code).put("joinLink", "http://localhost:8080/r/" + code)
                .put("opensAt", lesson.getString("startsAt")).put("closesAt", lesson.getString("endsAt"))
                .put("state", "scheduled");
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

    /** rooms refuses this occurrence (422), alone or in a batch. */
    public void refusing(String occurrenceId) {
        refused.add(occurrenceId);
    }

    /** How many batch calls rooms answered. */
    public int batchCalls() {
        return batchCalls.get();
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
