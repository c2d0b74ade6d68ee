package academy.muse.gateway.routing;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Browsers reach signaling only through the gateway's {@code /ws} route: the upgrade, the subprotocol that carries
 * the room ticket, every frame both ways, close codes and refusals must come through as if there were no gateway,
 * also when a whole class joins in the same instant.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubServiceResource.class)
class WebSocketForwardingTest {

    private static final String TICKET_PROTOCOL = "quarkus-http-upgrade%23Authorization%23Bearer%20a.b.c";
    private static final int BURST = 60;
    private static final long WAIT_SECONDS = 30;

    @TestHTTPResource("/")
    URI gateway;

    @Inject
    Vertx vertx;

    private WebSocketClient client;

    @BeforeEach
    void newClient() {
        // A browser per connection: no client-side cap on simultaneous connections to one host.
        client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(BURST * 2)
                .setMaxFrameSize(1 << 20).setMaxMessageSize(1 << 20));
    }

    @AfterEach
    void closeClient() throws Exception {
        client.close().toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void sixtyUpgradesInTheSameInstantAllConnectAndEcho() throws Exception {
        List<CompletableFuture<String>> echoes = new ArrayList<>();
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            echoes.add(new CompletableFuture<>());
        }
        // One event-loop task opens all of them: the gateway sees the upgrades arrive together.
        onEventLoop(() -> {
            for (int i = 0; i < BURST; i++) {
                Connection connection = new Connection();
                connections.add(connection);
                CompletableFuture<String> echo = echoes.get(i);
                String text = "hello " + i;
                connection.connect(client, options("/ws/rooms/burst-" + i, true)).onSuccess(socket -> {
                    socket.writeTextMessage(text);
                    connection.nextText(text, echo);
                }).onFailure(echo::completeExceptionally);
            }
            return Future.succeededFuture();
        });

        try {
            CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new)).exceptionally(failure -> null)
                    .get(WAIT_SECONDS * 2, TimeUnit.SECONDS);
        } catch (TimeoutException stillWaiting) {
            // counted below: the assertion says how many made it
        }
        long echoed = echoes.stream().filter(echo -> echo.isDone() && !echo.isCompletedExceptionally()).count();
        assertThat(echoed).as("connections that opened and echoed, of " + BURST).isEqualTo(BURST);
        for (int i = 0; i < BURST; i++) {
            assertThat(echoes.get(i).get()).isEqualTo("echo:hello " + i);
        }
        connections.forEach(Connection::close);
    }

    @Test
    void theServicesWelcomeRightAfterTheUpgradeIsNotLost() throws Exception {
        Connection connection = open("/ws/rooms/ABC-DEF", true);
        assertThat(connection.text()).isEqualTo("welcome");
        connection.close();
    }

    @Test
    void theSubprotocolTheServiceChoseReachesTheBrowserAndTheTicketReachesTheService() throws Exception {
        Connection connection = open("/ws/rooms/ABC-DEF", true);
        assertThat(connection.socket.subProtocol()).isEqualTo(WebSocketStub.SUBPROTOCOL);
        assertThat(connection.text()).isEqualTo("welcome");
        connection.socket.writeTextMessage("offered");
        assertThat(connection.text()).isEqualTo("x-unknown," + WebSocketStub.SUBPROTOCOL + "," + TICKET_PROTOCOL);
        connection.close();
    }

    @Test
    void textAndBinaryFramesPassBothWaysUnchanged() throws Exception {
        Connection connection = open("/ws/rooms/ABC-DEF", false);
        // One frame bigger than Vert.x's default limit, as a browser sends it: signaling, not the gateway, limits size.
        String large = "x".repeat(200_000);
        connection.socket.writeTextMessage(large);
        assertThat(connection.text()).isEqualTo("echo:" + large);
        Buffer binary = Buffer.buffer(new byte[] {0, 1, 2, (byte) 255});
        connection.socket.writeBinaryMessage(binary);
        assertThat(connection.binary.poll(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(binary);
        connection.close();
    }

    @Test
    void theServicesCloseCodeAndReasonReachTheBrowser() throws Exception {
        Connection connection = open("/ws/rooms/ABC-DEF", false);
        connection.socket.writeTextMessage("close:4003");
        assertThat(connection.closed.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("4003 closed by the service");
    }

    @Test
    void theBrowsersCloseCodeReachesTheService() throws Exception {
        Connection leaving = open("/ws/rooms/ABC-DEF", false);
        leaving.socket.close((short) 4321, "bye");
        leaving.closed.get(WAIT_SECONDS, TimeUnit.SECONDS);

        Connection asking = open("/ws/rooms/ABC-DEF", false);
        String seen = null;
        for (int attempt = 0; attempt < 50 && !"4321".equals(seen); attempt++) {
            asking.socket.writeTextMessage("last-close");
            seen = asking.text();
        }
        assertThat(seen).isEqualTo("4321");
        asking.close();
    }

    @Test
    void anUpgradeTheServiceRefusesIsRefusedWithTheSameStatus() throws Exception {
        assertThat(refusal("/ws/rooms/refused-401")).isEqualTo(401);
        assertThat(refusal("/ws/rooms/refused-403")).isEqualTo(403);
    }

    private Connection open(String path, boolean offerTicket) throws Exception {
        Connection connection = new Connection();
        onEventLoop(() -> connection.connect(client, options(path, offerTicket)));
        return connection;
    }

    private int refusal(String path) throws Exception {
        try {
            open(path, true);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpgradeRejectedException rejected) {
                return rejected.getStatus();
            }
            throw e;
        }
        throw new AssertionError("The gateway accepted an upgrade the service refused");
    }

    /** Runs on the event loop, so that handlers are in place before the 101 and its first frames are read. */
    private <T> T onEventLoop(Supplier<Future<T>> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        vertx.getOrCreateContext().runOnContext(ignored -> action.get()
                .onSuccess(result::complete).onFailure(result::completeExceptionally));
        return result.get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private WebSocketConnectOptions options(String path, boolean offerTicket) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost(gateway.getHost())
                .setPort(gateway.getPort()).setURI(path);
        return offerTicket
                ? options.setSubProtocols(List.of("x-unknown", WebSocketStub.SUBPROTOCOL, TICKET_PROTOCOL))
                : options;
    }

    /** One browser's WebSocket, keeping what arrives. */
    private static final class Connection {

        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<Buffer> binary = new LinkedBlockingQueue<>();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket;

        Future<WebSocket> connect(WebSocketClient client, WebSocketConnectOptions options) {
            return client.connect(options).map(connected -> {
                socket = connected;
                connected.textMessageHandler(texts::add);
                connected.binaryMessageHandler(binary::add);
                connected.closeHandler(ignored -> closed.complete(connected.closeStatusCode() + " " + connected.closeReason()));
                return connected;
            });
        }

        /** Completes {@code echo} with the first text that is not the welcome, on the event loop. */
        void nextText(String sent, CompletableFuture<String> echo) {
            socket.textMessageHandler(text -> {
                if (!text.equals("welcome")) {
                    echo.complete(text);
                }
            });
            texts.stream().filter(text -> !text.equals("welcome")).findFirst().ifPresent(echo::complete);
        }

        String text() throws InterruptedException {
            String text = texts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(text).as("a text message within " + WAIT_SECONDS + " s").isNotNull();
            return text;
        }

        void close() {
            if (socket != null && !socket.isClosed()) {
                socket.close();
            }
        }
    }
}
