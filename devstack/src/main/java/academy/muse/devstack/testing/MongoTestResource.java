package academy.muse.devstack.testing;

import academy.muse.devstack.MongoWireServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** A real MongoDB-wire store in memory on a free port, for one Quarkus test application. */
public class MongoTestResource implements QuarkusTestResourceLifecycleManager {

    private MongoWireServer server;

    @Override
    public Map<String, String> start() {
        server = MongoWireServer.inMemory("127.0.0.1", 0);
        return Map.of("quarkus.mongodb.connection-string", server.connectionString());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
