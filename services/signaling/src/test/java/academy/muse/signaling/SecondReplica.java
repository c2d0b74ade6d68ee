package academy.muse.signaling;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.DevKeys;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.signaling.fanout.BrokerFanout;
import academy.muse.signaling.room.IgnoredAttendance;
import academy.muse.signaling.room.Limits;
import academy.muse.signaling.room.PeerConnection;
import academy.muse.signaling.room.RoomHub;
import academy.muse.signaling.room.Ticket;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Another signaling replica beside the application under test: the same room logic and broker fan-out,
 * behind a plain Vert.x WebSocket server with its own Vert.x instance and its own broker connection. The
 * two replicas share nothing but the broker.
 */
final class SecondReplica implements AutoCloseable {

    private static final String TICKET_PREFIX = "quarkus-http-upgrade";

    private final Vertx vertx = Vertx.vertx();
    private final BrokerFanout fanout;
    private final RoomHub hub;
    private final HttpServer server;
    private final DefaultJWTParser tickets;

    SecondReplica(Limits limits) throws Exception {
        fanout = new BrokerFanout(vertx, "127.0.0.1", BrokerTestResource.port(), Optional.empty(), Optional.empty(),
                "muse.signaling.fanout", new ObjectMapper().findAndRegisterModules());
        hub = new RoomHub(fanout, new IgnoredAttendance(), limits, new ObjectMapper(), Clock.systemUTC()).start();
        JWTAuthContextInfo verification = new JWTAuthContextInfo(
                DevKeys.publicKey(TestKeys.directory(), DevKeys.TICKET).toUri().toString(), TestTokens.ISSUER);
        verification.setExpectedAudience(Set.of("signaling"));
        verification.setTokenKeyId(DevKeys.kid(DevKeys.TICKET));
        tickets = new DefaultJWTParser(verification);
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setWebSocketSubProtocols(List.of("bearer-token-carrier")))
                .webSocketHandler(this::accept)
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static Limits testLimits() {
        return new Limits(65536, Duration.ofMillis(300), Duration.ofMillis(1500), 40, 20, 30,
                Duration.ofMillis(500), Duration.ofSeconds(3), Duration.ofSeconds(1));
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/");
    }

    RoomHub hub() {
        return hub;
    }

    boolean isConnectedToTheBroker() {
        return fanout.isConnected();
    }

    /** Drops off the broker without a word, as a replica whose pod was killed would. */
    void vanish() {
        fanout.close();
    }

    @Override
    public void close() throws Exception {
        hub.close();
        server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void accept(ServerWebSocket socket) {
        Ticket ticket = verify(socket.headers().get("Sec-WebSocket-Protocol"));
        String room = socket.path().substring("/ws/rooms/".length());
        if (ticket == null || !ticket.room().equals(room)) {
            socket.reject(403);
            return;
        }
        VertxPeer peer = new VertxPeer(socket, UUID.randomUUID().toString());
        socket.textMessageHandler(text -> hub.onText(peer.id(), text));
        socket.pongHandler(data -> hub.touch(peer.id()));
        socket.closeHandler(ignored -> hub.leave(peer.id(), "left"));
        hub.join(peer, ticket);
    }

    private Ticket verify(String protocols) {
        if (protocols == null) {
            return null;
        }
        return Arrays.stream(protocols.split(","))
                .map(String::trim)
                .filter(protocol -> protocol.startsWith(TICKET_PREFIX))
                .map(protocol -> URLDecoder.decode(protocol.substring(TICKET_PREFIX.length()), StandardCharsets.UTF_8))
                .map(header -> header.substring("#Authorization#Bearer ".length()))
                .map(this::parse)
                .findFirst().orElse(null);
    }

    private Ticket parse(String token) {
        try {
            return Ticket.from(tickets.parse(token));
        } catch (ParseException e) {
            return null;
        }
    }

    private record VertxPeer(ServerWebSocket socket, String id) implements PeerConnection {

        @Override
        public void send(String text) {
            if (!socket.isClosed()) {
                socket.writeTextMessage(text);
            }
        }

        @Override
        public void ping() {
            if (!socket.isClosed()) {
                socket.writePing(Buffer.buffer("hb"));
            }
        }

        @Override
        public void close(int code, String reason) {
            if (!socket.isClosed()) {
                socket.close((short) code, reason);
            }
        }
    }
}
