package academy.muse.backup;

import academy.muse.devstack.MongoWireServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** devstack's real MongoDB-wire store, one per test, with a client on it and readers for what it holds. */
final class Stores implements AutoCloseable {

    private final MongoWireServer server = MongoWireServer.inMemory("127.0.0.1", 0);
    final MongoClient client = MongoClients.create(server.connectionString());

    String uri() {
        return server.connectionString();
    }

    MongoCollection<BsonDocument> collection(String database, String collection) {
        return client.getDatabase(database).getCollection(collection, BsonDocument.class);
    }

    /** Each document as canonical Extended JSON by _id: equal only when every value has the same type and order. */
    Map<BsonValue, String> documents(String database, String collection) {
        Map<BsonValue, String> documents = new LinkedHashMap<>();
        collection(database, collection).find()
                .forEach(document -> documents.put(document.get("_id"), document.toJson(ArchiveWriter.CANONICAL)));
        return documents;
    }

    List<String> collectionNames(String database) {
        return client.getDatabase(database).listCollectionNames().into(new ArrayList<>()).stream().sorted().toList();
    }

    /** The index definitions without the server's version field. */
    List<BsonDocument> indexes(String database, String collection) {
        return collection(database, collection).listIndexes(BsonDocument.class).into(new ArrayList<>()).stream()
                .peek(index -> index.remove("v")).peek(index -> index.remove("ns"))
                .sorted(java.util.Comparator.comparing(index -> index.getString("name").getValue())).toList();
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }
}
