package academy.muse.gateway.routing;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

/**
 * The WebSocket side of the stand-in service, shaped like signaling: it refuses the upgrade to
 * {@code /ws/rooms/refused-401} and {@code /ws/rooms/refused-403} with that status, and otherwise echoes
 * text ({@code echo:<text>}) and binary frames. A client that offered the subprotocol gets {@code welcome} right
 * after the 101, as from signaling. A text {@code close:<code>} makes it close with that code,
 * {@code offered} answers the {@code Sec-WebSocket-Protocol} header it received (the room ticket travels
 * there), and {@code last-close} answers the close code of the last connection a client closed.
 */
final class WebSocketStub {

    static final String SUBPROTOCOL = "bearer-token-carrier";

    private static volatile int lastClientCloseCode = -1;

    private WebSocketStub() {
    }

    static void upgrade(HttpServerRequest request) {
        if (request.path().startsWith("/ws/rooms/refused-")) {
            request.response().setStatusCode(Integer.parseInt(request.path().substring("/ws/rooms/refused-".length())))
                    .end();
            return;
        }
        String offered = request.getHeader("Sec-WebSocket-Protocol");
        request.toWebSocket().onSuccess(socket -> {
            serve(socket, offered == null ? "" : offered);
            if (SUBPROTOCOL.equals(socket.subProtocol())) {
                socket.writeTextMessage("welcome"); // as signaling does, in the same instant as the 101
            }
        });
    }

    private static void serve(ServerWebSocket socket, String offered) {
        boolean[] closedByUs = new boolean[1];
        socket.textMessageHandler(text -> {
            if (text.startsWith("close:")) {
                closedByUs[0] = true;
                socket.close(Short.parseShort(text.substring("close:".length())), "closed by the service");
            } else if (text.equals("offered")) {
                socket.writeTextMessage(offered);
            } else if (text.equals("last-close")) {
                socket.writeTextMessage(String.valueOf(lastClientCloseCode));
            } else {
                socket.writeTextMessage("echo:" + text);
            }
        });
        socket.binaryMessageHandler(socket::writeBinaryMessage);
        socket.closeHandler(ignored -> {
            if (!closedByUs[0] && socket.closeStatusCode() != null) {
                lastClientCloseCode = socket.closeStatusCode();
            }
        });
    }
}
