package academy.muse.devstack;

import academy.muse.devstack.store.IdIndexedH2Backend;
import academy.muse.devstack.store.IdIndexedMemoryBackend;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real MongoDB wire-protocol server in this JVM (mongo-java-server). With a data directory it keeps
 * its data in an H2 file that survives restarts; without one it lives in memory (tests).
 * It has no transactions and no TTL indexes, so nothing in Muse Academy depends on them for correctness.
 * Besides its own index use, a filter that pins {@code _id} beside other conditions is served from the
 * {@code _id} index (see {@code store.IdLookup}); other secondary indexes are still not used.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final InetSocketAddress address;

    private MongoWireServer(MongoBackend backend, String host, int port) {
        this.server = new MongoServer(backend);
        server.bind(host, port);
        this.address = server.getLocalAddress();
    }

    /** A store backed by an H2 file under {@code dataDirectory}. */
    public static MongoWireServer persistent(Path dataDirectory, String host, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Cannot create data directory " + dataDirectory, e);
        }
        return new MongoWireServer(new IdIndexedH2Backend(dataDirectory.resolve("mongo.mv").toString()), host, port);
    }

    /** A store in memory; port 0 picks a free port. */
    public static MongoWireServer inMemory(String host, int port) {
        return new MongoWireServer(new IdIndexedMemoryBackend(), host, port);
    }

    public int port() {
        return address.getPort();
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** Flushes and closes the backend, so an H2 file is left consistent. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
