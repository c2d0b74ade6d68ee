package academy.muse.recordings.tus;

import academy.muse.contracts.events.RecordingEvents;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.RecordingProbe;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.support.S3TestResource;
import academy.muse.recordings.support.TusJsClient;
import academy.muse.recordings.upload.Upload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static academy.muse.recordings.support.TusRequests.createDeferred;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The same uploads with media storage on S3 (a real S3 API server in process) instead of a volume. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(S3TestResource.class)
class S3UploadTest {

    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/uploads")
    URL endpoint;
    @Inject
    Rooms rooms;
    @Inject
    MediaStorage storage;
    @Inject
    RecordingProbe probe;

    @Test
    void tusJsClientUploadsATrackLargerThanAnS3PartAndTheObjectsSha256EqualsTheSource() throws Exception {
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open("t-" + UUID.randomUUID(), student);
        Path source = MediaFiles.randomFile(6 * MIB + 999);
        Map<String, Object> options = TusJsClient.options(endpoint.toString(), source, TestTokens.student(student),
                track(room), MIB);
        options.put("deferLength", true);

        try (TusJsClient client = TusJsClient.upload(options)) {
            String id = URI.create(client.awaitDone(Duration.ofSeconds(120))).getPath().replaceAll(".*/", "");
            Upload upload = Upload.findById(id);
            assertThat(upload.sha256).isEqualTo(MediaFiles.sha256(source));
            assertThat(MediaFiles.sha256(storage.read(upload.storageKey))).isEqualTo(MediaFiles.sha256(source));
            assertThat(Path.of("target/test-media", upload.storageKey)).as("not on the volume").doesNotExist();
        }
    }

    @Test
    void anUnfinishedTrackOnS3IsPublishedAsWhatArrivedWhenTheRoomCloses() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String room = rooms.open(teacher, "s-" + UUID.randomUUID());
        String token = TestTokens.teacher(teacher);
        String path = createdPath(createDeferred(token, track(room)));
        byte[] bytes = MediaFiles.randomRecording(70_000);
        patch(token, path, 0, java.util.Arrays.copyOf(bytes, 30_000)).then().statusCode(204);
        patch(token, path, 30_000, java.util.Arrays.copyOfRange(bytes, 30_000, 70_000)).then().statusCode(204);

        rooms.close(room);

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.completed("room-" + room) != null);
        RecordingEvents.Track track = probe.completed("room-" + room).tracks().get(0);
        assertThat(track.partial()).isTrue();
        assertThat(track.sizeBytes()).isEqualTo(70_000);
        assertThat(track.sha256()).isEqualTo(MediaFiles.sha256(new java.io.ByteArrayInputStream(bytes)));
        assertThat(MediaFiles.sha256(storage.read(track.storageKey()))).isEqualTo(track.sha256());
    }
}
