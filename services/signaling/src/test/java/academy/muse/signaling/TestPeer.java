package academy.muse.signaling;

import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A browser's signaling connection, as a test drives it: a real WebSocket client that offers the room
 * ticket in Sec-WebSocket-Protocol exactly as the web app does, and keeps every message it receives.
 */
final class TestPeer implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocketClient client;
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> inbox;
    private final CompletableFuture<Integer> closed;
    private int pings;

    private TestPeer(WebSocketClient client, WebSocket socket, BlockingQueue<JsonObject> inbox,
                     CompletableFuture<Integer> closed) {
        this.client = client;
        this.socket = socket;
        this.inbox = inbox;
        this.closed = closed;
    }

    /** Installs the handlers; called on the event loop in the same step that completes the upgrade. */
    private static WebSocket listen(WebSocket socket, BlockingQueue<JsonObject> inbox, CompletableFuture<Integer> closed) {
        socket.textMessageHandler(text -> inbox.add(new JsonObject(text)));
        socket.closeHandler(ignored -> closed.complete(socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode()));
        return socket;
    }

    /** Connects and waits for the welcome. */
    static TestPeer join(Vertx vertx, URI server, String room, String ticket) {
        TestPeer peer = open(vertx, server, room, ticket);
        assertThat(peer.next("welcome").getInteger("protocol")).isEqualTo(1);
        return peer;
    }

    static TestPeer open(Vertx vertx, URI server, String room, String ticket) {
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(262144)
                .setMaxMessageSize(1 << 20));
        BlockingQueue<JsonObject> inbox = new LinkedBlockingQueue<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        CompletableFuture<WebSocket> connecting = new CompletableFuture<>();
        // Vert.x resumes the new socket before it completes connect()'s future, so a frame that arrives before
        // the handlers are installed is dropped. The server sends the welcome right after the 101: when this
        // (test) thread attached the handlers only after the upgrade had completed - one scheduling delay on a
        // busy machine - the welcome was lost. Connecting from the event loop that owns the connection attaches
        // them before that loop can even read the 101.
        vertx.getOrCreateContext().runOnContext(ignored -> client.connect(options(server, room, ticket))
                .map(connected -> listen(connected, inbox, closed))
                .onSuccess(connecting::complete)
                .onFailure(connecting::completeExceptionally));
        try {
            WebSocket socket = connecting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return new TestPeer(client, socket, inbox, closed);
        } catch (Exception e) {
            client.close();
            throw new IllegalStateException("Could not connect to room " + room, e);
        }
    }

    /** The HTTP status with which the server refused the upgrade. */
    static int refusal(Vertx vertx, URI server, String room, String ticket) {
        WebSocketClient client = vertx.createWebSocketClient();
        try {
            client.connect(options(server, room, ticket)).toCompletionStage().toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return fail("The server accepted a connection it should have refused");
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw new IllegalStateException("Connection failed without an HTTP refusal", e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            client.close();
        }
    }

    private static WebSocketConnectOptions options(URI server, String room, String ticket) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(server.getHost())
                .setPort(server.getPort()).setURI("/ws/rooms/" + room);
        List<String> protocols = new ArrayList<>(List.of("bearer-token-carrier"));
        if (ticket != null) {
            protocols.add("quarkus-http-upgrade"
                    + URLEncoder.encode("#Authorization#Bearer " + ticket, StandardCharsets.UTF_8));
        }
        return options.setSubProtocols(protocols);
    }

    void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    void sendRaw(String text) {
        socket.writeTextMessage(text);
    }

    /** The next message of this type; messages of other types before it are skipped. */
    JsonObject next(String type) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = poll(deadline);
            if (message != null && type.equals(message.getString("type"))) {
                return message;
            }
        }
        return fail("No \"" + type + "\" message arrived within " + WAIT);
    }

    /** The next message, whatever its type. */
    JsonObject nextMessage() {
        JsonObject message = poll(System.nanoTime() + WAIT.toNanos());
        return message != null ? message : fail("No message arrived within " + WAIT);
    }

    /** The next {@code count} messages of this type. */
    List<JsonObject> take(String type, int count) {
        List<JsonObject> messages = new ArrayList<>();
        while (messages.size() < count) {
            messages.add(next(type));
        }
        return messages;
    }

    /**
     * Every message that arrived before the server answered a fresh ping. The server handles one
     * connection's messages in order, so anything caused by earlier actions is already here.
     */
    List<JsonObject> drain() {
        String id = "drain-" + (++pings);
        send(new JsonObject().put("type", "ping").put("id", id));
        List<JsonObject> before = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = poll(deadline);
            if (message == null) {
                continue;
            }
            if ("pong".equals(message.getString("type")) && id.equals(message.getString("id"))) {
                return before;
            }
            before.add(message);
        }
        return fail("No pong arrived within " + WAIT);
    }

    /** The close code the server closed this connection with. */
    int closeCode() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("The connection was not closed within " + WAIT);
        }
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isClosed()) {
            socket.close();
        }
        client.close();
    }

    private JsonObject poll(long deadline) {
        try {
            return inbox.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("Interrupted");
        }
    }
}
