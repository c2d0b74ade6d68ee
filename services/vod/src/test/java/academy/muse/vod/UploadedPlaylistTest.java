package academy.muse.vod;

import academy.muse.contracts.events.VodEvents;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.job.PackagingJobs;
import academy.muse.vod.job.PackagingWorker;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upload that claims to be an MP4 but is a playlist naming a local file: ffmpeg must not follow it. The file
 * it names is a valid recording, so had ffmpeg read it the package would have succeeded; the job fails instead,
 * with {@code vod.failed}, nothing packaged and the uploaded bytes left as they were.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class UploadedPlaylistTest {

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

    @Test
    void aDashManifestNamingALocalRecordingFailsPackagingWithoutReadingIt() throws IOException {
        Path canary = recordings.canary();
        failsForGood("""
                <?xml version="1.0"?>
                <MPD xmlns="urn:mpeg:dash:schema:mpd:2011" type="static" mediaPresentationDuration="PT8S"
                     minBufferTime="PT1S" profiles="urn:mpeg:dash:profile:isoff-on-demand:2011">
                  <Period><AdaptationSet mimeType="video/mp4"><Representation id="1" bandwidth="1000">
                    <BaseURL>file:%s</BaseURL>
                  </Representation></AdaptationSet></Period>
                </MPD>
                """.formatted(canary));
    }

    @Test
    void anHlsPlaylistNamingALocalRecordingFailsPackagingWithoutReadingIt() throws IOException {
        Path canary = recordings.canary();
        failsForGood("#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:8,\n" + canary + "\n#EXT-X-ENDLIST\n");
    }

    @Test
    void aConcatListNamingALocalRecordingFailsPackagingWithoutReadingIt() throws IOException {
        Path canary = recordings.canary();
        failsForGood("ffconcat version 1.0\nfile '" + canary + "'\n");
    }

    private void failsForGood(String playlist) throws IOException {
        RecordingCompleted recording = recordings.pretendingToBeMp4(playlist);
        String storageKey = recording.tracks().get(0).storageKey();
        recordings.announce(recording);
        recordings.awaitJob(recording);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            worker.processAvailable();
            return !jobs.status(recording.recordingId()).orElseThrow().equals("PENDING");
        });

        String assetId = Assets.idFor(recording.recordingId());
        assertThat(jobs.status(recording.recordingId())).hasValue("FAILED");
        Asset asset = assets.find(assetId).orElseThrow();
        assertThat(asset.status()).isEqualTo(Asset.Status.FAILED);
        assertThat(asset.failureReason()).contains("is neither MP4 nor WebM/Matroska");
        Document failed = mongo.getDatabase(database).getCollection("outbox")
                .find(Filters.eq("_id", VodEvents.VodFailed.eventId(recording.recordingId()))).first();
        assertThat(failed).isNotNull();
        assertThat(failed.getString("type")).isEqualTo("academy.muse.vod.failed.v1");
        assertThat(storage.list("vod/" + assetId + "/")).as("nothing packaged").isEmpty();
        try (InputStream in = storage.read(storageKey)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(playlist);
        }
    }
}
