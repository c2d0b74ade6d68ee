package academy.muse.devstack.testing;

import academy.muse.devstack.EmbeddedBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real embedded Artemis broker (AMQP 1.0) on a free port. Tests that prove events survive an outage
 * call {@link #stopBroker()} and {@link #startBroker()}: the broker comes back on the same port.
 */
public class BrokerTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedBroker broker;
    private static volatile int port;
    private static volatile Path journal;

    @Override
    public Map<String, String> start() {
        port = freePort();
        try {
            journal = Files.createTempDirectory("muse-test-broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        startBroker();
        return Map.of(
                "amqp-host", "127.0.0.1",
                "amqp-port", String.valueOf(port),
                "amqp-username", "muse",
                "amqp-password", "muse",
                "mp.messaging.connector.smallrye-amqp.reconnect-interval", "1");
    }

    @Override
    public void stop() {
        stopBroker();
    }

    public static synchronized void startBroker() {
        if (broker == null) {
            // Persistent, like the real broker: durable subscriptions and their messages survive a restart.
            broker = EmbeddedBroker.create(journal, "127.0.0.1", port).start();
        }
    }

    public static synchronized void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** The running broker, for tests that inspect its queues. */
    public static EmbeddedBroker broker() {
        return broker;
    }

    public static int port() {
        return port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
