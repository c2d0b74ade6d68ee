package academy.muse.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The footprint baseline: the smallest JVM that answers HTTP (the JDK's own server), started with the same
 * JVM options as a service. A service's start-up and memory are read against this floor.
 */
public final class BareHttpServer {

    private BareHttpServer() {
    }

    public static void main(String[] args) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's delayed ACK: ~50 ms
        // per request, which made the 300 warm-up requests cost 15 s per start (Vert.x sets TCP_NODELAY by default).
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // Where the suite's readiness checks go: a Quarkus service's management port, else its HTTP port.
        int port = Integer.parseInt(System.getenv().getOrDefault("MANAGEMENT_PORT", System.getenv().getOrDefault("HTTP_PORT", "8080")));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }
}
