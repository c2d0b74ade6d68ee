package academy.muse.signaling.socket;

import academy.muse.signaling.room.RoomHub;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.buffer.Buffer;

/**
 * {@code WS /ws/rooms/{code}}: the browser's signaling connection for one room. {@link TicketCheck} has
 * verified the room ticket before the upgrade; everything else is the room logic's. All callbacks run on
 * the event loop: the room logic never blocks.
 */
@WebSocket(path = "/ws/rooms/{code}")
public class RoomSocket {

    private final RoomHub hub;

    RoomSocket(RoomHub hub) {
        this.hub = hub;
    }

    @OnOpen
    @NonBlocking
    void open(WebSocketConnection connection) {
        hub.join(new WebSocketPeer(connection), connection.userData().get(TicketCheck.TICKET));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        hub.onText(connection.id(), text);
    }

    @OnPongMessage
    @NonBlocking
    void pong(WebSocketConnection connection, Buffer data) {
        hub.touch(connection.id());
    }

    /**
     * Only a close with 1000 is a goodbye (the web app sends it when the user leaves). Anything else, above all a
     * connection that vanished without a close frame because the gateway carrying it restarted, leaves the
     * participant their place for the reconnect grace.
     */
    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        CloseReason reason = connection.closeReason();
        if (reason != null && reason.getCode() == CloseReason.NORMAL.getCode()) {
            hub.leave(connection.id(), "left");
        } else {
            hub.drop(connection.id(), "lost");
        }
    }
}
