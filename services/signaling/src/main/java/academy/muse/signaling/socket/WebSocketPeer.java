package academy.muse.signaling.socket;

import academy.muse.signaling.room.PeerConnection;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.buffer.Buffer;
import org.jboss.logging.Logger;

/** A websockets-next connection as the room logic sees it. */
record WebSocketPeer(WebSocketConnection connection) implements PeerConnection {

    private static final Logger LOG = Logger.getLogger(WebSocketPeer.class);
    private static final Buffer PING = Buffer.buffer("hb");

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public void send(String text) {
        if (connection.isOpen()) {
            connection.sendText(text).subscribe().with(sent -> { }, this::sendFailed);
        }
    }

    @Override
    public void ping() {
        if (connection.isOpen()) {
            connection.sendPing(PING).subscribe().with(sent -> { }, this::sendFailed);
        }
    }

    @Override
    public void close(int code, String reason) {
        if (connection.isOpen()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(closed -> { }, this::sendFailed);
        }
    }

    private void sendFailed(Throwable failure) {
        LOG.debugf("Sending on connection %s failed: %s", connection.id(), failure.getMessage());
    }
}
