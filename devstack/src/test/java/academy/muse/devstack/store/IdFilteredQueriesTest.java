package academy.muse.devstack.store;

import academy.muse.devstack.MongoWireServer;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Filters that pin {@code _id} beside other conditions, through the real driver, on both stores: served from the
 * index, they still match only the documents that meet every condition (reads, updates, deletes, claims).
 */
class IdFilteredQueriesTest {

    @TempDir
    Path data;

    @ParameterizedTest(name = "{0} store")
    @ValueSource(strings = {"memory", "h2"})
    void aFilterOnIdsAndStateMatchesOnlyTheDocumentsThatMeetBoth(String store) {
        try (MongoWireServer server = start(store); MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> lessons = client.getDatabase("store-test").getCollection("lessons");
            lessons.insertMany(List.of(lesson("a", "scheduled"), lesson("b", "cancelled"), lesson("c", "scheduled"),
                    lesson("d", "scheduled")));
            Bson scheduledOfABC = Filters.and(Filters.in("_id", List.of("a", "b", "c")), Filters.eq("state", "scheduled"));

            assertThat(ids(lessons.find(scheduledOfABC))).containsExactlyInAnyOrder("a", "c");
            assertThat(lessons.updateMany(scheduledOfABC, Updates.set("run", "r1")).getModifiedCount()).isEqualTo(2);
            assertThat(ids(lessons.find(Filters.eq("run", "r1")))).containsExactlyInAnyOrder("a", "c");
            assertThat(lessons.countDocuments(Filters.and(Filters.eq("_id", "b"), Filters.eq("state", "scheduled"))))
                    .isZero();

            Bson claimable = new Document("_id", "d").append("state", "scheduled").append("run", null);
            assertThat(lessons.findOneAndUpdate(claimable, Updates.set("run", "r2"),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).isNotNull();
            assertThat(lessons.findOneAndUpdate(claimable, Updates.set("run", "r3"))).as("claimed already").isNull();

            assertThat(lessons.deleteMany(Filters.and(Filters.in("_id", List.of("a", "b", "d")),
                    Filters.eq("state", "cancelled"))).getDeletedCount()).isEqualTo(1);
            assertThat(ids(lessons.find())).containsExactlyInAnyOrder("a", "c", "d");
        }
    }

    private MongoWireServer start(String store) {
        return "h2".equals(store) ? MongoWireServer.persistent(data, "127.0.0.1", 0) : MongoWireServer.inMemory("127.0.0.1", 0);
    }

    private static Document lesson(String id, String state) {
        return new Document("_id", id).append("state", state);
    }

    private static List<String> ids(Iterable<Document> documents) {
        List<String> ids = new ArrayList<>();
        documents.forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }
}
