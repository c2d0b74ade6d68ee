package academy.muse.platform.lease;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared lease on the real MongoDB-wire store: one holder at a time, and a lost claim changes nothing. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class LeaseTest {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;

    private MongoCollection<Document> jobs;
    private Lease<Document> lease;

    @BeforeEach
    void freshCollection() {
        jobs = mongo.getDatabase(database).getCollection("lease_test");
        jobs.drop();
        jobs.insertMany(IntStream.range(0, 5).mapToObj(i -> new Document("_id", "job-" + i).append("rank", i)).toList());
        lease = Lease.on(jobs);
    }

    @Test
    void theFirstFreeDocumentGoesToOneClaimantAndTheNextClaimTakesTheNextOne() {
        var first = lease.claimFirst(Filters.empty(), Sorts.ascending("rank"), null, NOW, NOW.plusSeconds(30));
        var second = lease.claimFirst(Filters.empty(), Sorts.ascending("rank"), null, NOW, NOW.plusSeconds(30));

        assertThat(first).map(held -> held.value().getString("_id")).contains("job-0");
        assertThat(second).map(held -> held.value().getString("_id")).contains("job-1");
        assertThat(first.orElseThrow().token()).isNotEqualTo(second.orElseThrow().token());
    }

    @Test
    void aClaimThatRanOutCanBeTakenOverAndTheOldHolderCanNeitherRenewNorRelease() {
        var old = lease.claimEach(List.of("job-2"), null, null, NOW, NOW.plusSeconds(30));
        assertThat(lease.claimEach(List.of("job-2"), null, null, NOW.plusSeconds(10), NOW.plusSeconds(40)).value())
                .as("still held").isEmpty();

        var taker = lease.claimEach(List.of("job-2"), null, null, NOW.plusSeconds(31), NOW.plusSeconds(60));

        assertThat(taker.value()).hasSize(1);
        assertThat(lease.renew("job-2", old.token(), NOW.plusSeconds(90))).isFalse();
        assertThat(lease.release("job-2", old.token(), Updates.set("done", true))).isFalse();
        assertThat(jobs.find(Filters.eq("_id", "job-2")).first()).doesNotContainKey("done")
                .containsEntry(Lease.TOKEN, taker.token()).containsEntry(Lease.UNTIL, Date.from(NOW.plusSeconds(60)));
    }

    @Test
    void twoClaimantsOfTheSameBatchSplitItWithoutOverlap() {
        List<String> all = List.of("job-0", "job-1", "job-2", "job-3", "job-4");
        var a = lease.claimEach(all.subList(0, 3), null, null, NOW, NOW.plusSeconds(30));
        var b = lease.claimEach(all, Filters.gte("rank", 1), null, NOW, NOW.plusSeconds(30));

        assertThat(a.value()).extracting(document -> document.getString("_id")).containsExactlyInAnyOrder("job-0", "job-1", "job-2");
        assertThat(b.value()).extracting(document -> document.getString("_id")).containsExactlyInAnyOrder("job-3", "job-4");
    }

    @Test
    void releasingAppliesTheHoldersLastChangeAndFreesTheDocument() {
        var held = lease.claimFirst(Filters.eq("_id", "job-4"), null, null, NOW, NOW.plusSeconds(30)).orElseThrow();

        assertThat(lease.release("job-4", held.token(), Updates.set("done", true))).isTrue();

        assertThat(jobs.find(Filters.eq("_id", "job-4")).first()).containsEntry("done", true)
                .doesNotContainKey(Lease.TOKEN).doesNotContainKey(Lease.UNTIL);
        assertThat(lease.claimFirst(Filters.eq("_id", "job-4"), null, null, NOW, NOW.plusSeconds(30))).isPresent();
    }
}
