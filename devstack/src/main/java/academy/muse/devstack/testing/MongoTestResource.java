package academy.muse.devstack.testing;

import academy.muse.devstack.MongoWireServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real MongoDB-wire store on a free port, for one Quarkus test application: in memory, or, with the init argument
 * {@value #PERSISTENT}{@code =true}, in an H2 file as devstack keeps it, so that a test that proves the services
 * survive a database restart can call {@link #stopStore()} and {@link #startStore()}: the store comes back on the
 * same port with what it held.
 */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: keep the data in a file that survives {@link #stopStore()}. */
    public static final String PERSISTENT = "persistent";

    private static volatile MongoWireServer server;
    private static volatile Path dataDirectory;
    private static volatile int port;

    private boolean persistent;

    @Override
    public void init(Map<String, String> initArgs) {
        persistent = Boolean.parseBoolean(initArgs.getOrDefault(PERSISTENT, "false"));
    }

    @Override
    public Map<String, String> start() {
        if (persistent) {
            try {
                dataDirectory = Files.createTempDirectory("muse-test-store");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = BrokerTestResource.freePort();
            startStore();
        } else {
            dataDirectory = null;
            server = MongoWireServer.inMemory("127.0.0.1", 0);
            port = server.port();
        }
        return Map.of("quarkus.mongodb.connection-string", server.connectionString());
    }

    @Override
    public void stop() {
        stopStore();
    }

    /** Starts the persistent store again on its port and its data (a no-op while it runs). */
    public static synchronized void startStore() {
        if (dataDirectory == null) {
            throw new IllegalStateException("Only a store started with " + PERSISTENT + "=true can restart");
        }
        if (server == null) {
            server = MongoWireServer.persistent(dataDirectory, "127.0.0.1", port);
        }
    }

    /** Stops the store: its clients lose their connections, and new ones are refused until {@link #startStore()}. */
    public static synchronized void stopStore() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
