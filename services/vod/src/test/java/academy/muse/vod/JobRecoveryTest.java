package academy.muse.vod;

import academy.muse.contracts.events.VodEvents;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.job.PackagingJob;
import academy.muse.vod.job.PackagingJobs;
import academy.muse.vod.job.PackagingWorker;
import academy.muse.vod.job.RecordingPackager;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static academy.muse.devstack.testing.ServicePlatformTests.management;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/**
 * Packaging jobs survive their workers: a dead worker's job is finished by another, a hopeless one is retried and
 * then fails loudly (event, asset state, metrics).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class JobRecoveryTest {

    @Inject
    TestRecordings recordings;
    @Inject
    PackagingJobs jobs;
    @Inject
    PackagingWorker worker;
    @Inject
    Assets assets;
    @Inject
    MediaStorage storage;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @ConfigProperty(name = "muse.vod.worker.lease")
    Duration lease;

    @Test
    void aJobWhoseWorkerDiedIsTakenOverAfterItsLeaseAndYieldsExactlyOneAsset() {
        worker.processAvailable();
        RecordingCompleted recording = recordings.material("teacher-lee");
        recordings.announce(recording);
        recordings.awaitJob(recording);
        String assetId = Assets.idFor(recording.recordingId());

        // A worker claims the job, writes part of its package and dies.
        PackagingJob dead = jobs.claimNext(Instant.now(), lease).orElseThrow();
        assertThat(dead.recordingId()).isEqualTo(recording.recordingId());
        String deadPrefix = RecordingPackager.storagePrefix(assetId, dead.runId());
        storage.write(deadPrefix + "manifest.mpd", new ByteArrayInputStream("<MPD".getBytes(StandardCharsets.UTF_8)));
        assertThat(worker.processNext()).as("the job is leased while its worker might be alive").isFalse();

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            worker.processAvailable();
            return assets.find(assetId).map(Asset::isReady).orElse(false);
        });

        Asset asset = assets.find(assetId).orElseThrow();
        assertThat(asset.storagePrefix()).isNotEqualTo(deadPrefix);
        assertThat(storage.exists(asset.storagePrefix() + "manifest.mpd")).isTrue();
        assertThat(storage.exists(deadPrefix + "manifest.mpd")).as("the dead worker's half-written package is gone").isFalse();
        assertThat(assets.countForRecording(recording.recordingId())).isEqualTo(1);
        assertThat(jobs.status(recording.recordingId())).hasValue("DONE");
        Document ready = outbox(VodEvents.VodAssetReady.eventId(recording.recordingId()));
        assertThat(ready.getString("type")).isEqualTo("academy.muse.vod.asset-ready.v1");
        assertThat(ready.getString("event")).contains(assetId, recording.recordingId());
    }

    @Test
    void aRecordingThatCannotBePackagedIsRetriedThenFailsAndSaysSo() {
        RecordingCompleted recording = recordings.missingBytes();
        recordings.announce(recording);
        recordings.awaitJob(recording);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            worker.processAvailable();
            return jobs.status(recording.recordingId()).orElseThrow().equals("FAILED");
        });

        Asset asset = assets.find(Assets.idFor(recording.recordingId())).orElseThrow();
        assertThat(asset.status()).isEqualTo(Asset.Status.FAILED);
        assertThat(asset.failureReason()).contains("ghost.webm");
        Document failed = outbox(VodEvents.VodFailed.eventId(recording.recordingId()));
        assertThat(failed.getString("type")).isEqualTo("academy.muse.vod.failed.v1");
        assertThat(failed.getString("event")).contains(recording.recordingId(), "lesson-ghost");
        management().get("/q/metrics").then().statusCode(200)
                .body(containsString("vod_packaging_seconds_count{outcome=\"retry\""))
                .body(containsString("vod_packaging_seconds_count{outcome=\"failed\""));
    }

    @Test
    void scratchSpaceAbandonedByADeadProcessIsClearedAtStartWhileLiveWorkStays() throws Exception {
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "muse-vod-work");
        Path abandoned = Files.createDirectories(root.resolve("abandoned-" + UUID.randomUUID()));
        Files.writeString(abandoned.resolve("recorded-1"), "half a lesson");
        Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Path live = Files.createDirectories(root.resolve("live-" + UUID.randomUUID()));

        worker.removeAbandonedWork(null);

        assertThat(abandoned).doesNotExist();
        assertThat(live).exists();
        Files.delete(live);
    }

    private Document outbox(String eventId) {
        return mongo.getDatabase(database).getCollection("outbox").find(Filters.eq("_id", eventId)).first();
    }
}
