package academy.muse.recordings.tus;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.Rooms;
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

import static academy.muse.recordings.support.TusRequests.track;
import static org.assertj.core.api.Assertions.assertThat;

/** The standard tus client from npm works unchanged against the service. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class TusJsClientTest {

    private static final int MIB = 1024 * 1024;

    @TestHTTPResource("/uploads")
    URL endpoint;
    @Inject
    Rooms rooms;
    @Inject
    MediaStorage storage;

    @Test
    void tusJsClientUploadsAMultiMegabyteTrackInChunksAndTheStoredSha256EqualsTheSource() throws Exception {
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open("t-" + UUID.randomUUID(), student);
        Path source = MediaFiles.randomFile(6 * MIB + 12_345);

        Upload upload = uploadWithTusJsClient(source, TestTokens.student(student), track(room), Map.of());

        assertThat(upload.state).isEqualTo(Upload.State.COMPLETE);
        assertThat(upload.offset).isEqualTo(source.toFile().length());
        assertThat(upload.sha256).isEqualTo(MediaFiles.sha256(source));
        assertThat(MediaFiles.sha256(storage.read(upload.storageKey))).isEqualTo(MediaFiles.sha256(source));
    }

    @Test
    void tusJsClientStreamsATrackOfUnknownLengthAsARecorderProducesIt() throws Exception {
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open("t-" + UUID.randomUUID(), student);
        Path source = MediaFiles.randomFile(3 * MIB + 777);

        Upload upload = uploadWithTusJsClient(source, TestTokens.student(student), track(room),
                Map.of("deferLength", true));

        assertThat(upload.length).isEqualTo(source.toFile().length());
        assertThat(upload.sha256).isEqualTo(MediaFiles.sha256(source));
    }

    @Test
    void tusJsClientSendsSha1ChecksumsThatTheServerVerifies() throws Exception {
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open("t-" + UUID.randomUUID(), student);
        Path source = MediaFiles.randomFile(2 * MIB + 5);

        Upload upload = uploadWithTusJsClient(source, TestTokens.student(student), track(room), Map.of("checksum", true));

        assertThat(upload.sha256).isEqualTo(MediaFiles.sha256(source));
    }

    private Upload uploadWithTusJsClient(Path source, String token, Map<String, String> metadata,
                                         Map<String, Object> extra) throws Exception {
        Map<String, Object> options = TusJsClient.options(endpoint.toString(), source, token, metadata, MIB);
        options.putAll(extra);
        try (TusJsClient client = TusJsClient.upload(options)) {
            String url = client.awaitDone(Duration.ofSeconds(120));
            String id = URI.create(url).getPath().replaceAll(".*/", "");
            return Upload.findById(id);
        }
    }
}
