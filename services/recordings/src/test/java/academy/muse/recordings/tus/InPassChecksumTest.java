package academy.muse.recordings.tus;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.upload.Upload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static academy.muse.recordings.support.TusRequests.create;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole file's SHA-256 is computed while the bytes arrive, PATCH after PATCH, and read back from storage only
 * when this process did not see the bytes before (a stalled request taken over). Either way it is the SHA-256 of
 * what storage holds.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class InPassChecksumTest {

    @Inject
    Rooms rooms;
    @Inject
    MediaStorage storage;

    String studentToken;
    String room;

    @BeforeEach
    void openRoom() {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        studentToken = TestTokens.student(student, teacher);
        room = rooms.open(teacher, student);
    }

    @Test
    void theChecksumOfAnUploadResumedChunkByChunkIsTheSha256OfTheStoredFile() throws Exception {
        byte[] bytes = MediaFiles.randomRecording(900_000);
        String path = createdPath(create(studentToken, bytes.length, track(room)));

        for (int offset = 0; offset < bytes.length; offset += 300_000) {
            patch(studentToken, path, offset, Arrays.copyOfRange(bytes, offset, offset + 300_000)).then().statusCode(204);
        }

        Upload upload = uploadAt(path);
        assertThat(upload.state).isEqualTo(Upload.State.COMPLETE);
        assertThat(upload.sha256).isEqualTo(storedSha256(upload)).isEqualTo(MediaFiles.sha256(new ByteArrayInputStream(bytes)));
    }

    @Test
    void theChecksumAfterAStalledRequestWasTakenOverIsTheSha256OfTheStoredFile() throws Exception {
        byte[] bytes = MediaFiles.randomRecording(600_000);
        String path = createdPath(create(studentToken, bytes.length, track(room)));
        patch(studentToken, path, 0, Arrays.copyOfRange(bytes, 0, 200_000)).then().statusCode(204);

        // A request that sends a little of the rest and then stalls, holding the upload until its lease runs out.
        PipedOutputStream stalledBody = new PipedOutputStream();
        InputStream stalledSource = new PipedInputStream(stalledBody, 64 * 1024);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        CompletableFuture<HttpResponse<String>> stalled = client.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + RestAssured.port + path))
                .header("Tus-Resumable", "1.0.0").header("Authorization", "Bearer " + studentToken)
                .header("Upload-Offset", "200000").header("Content-Type", "application/offset+octet-stream")
                .method("PATCH", HttpRequest.BodyPublishers.ofInputStream(() -> stalledSource)).build(),
                HttpResponse.BodyHandlers.ofString());
        stalledBody.write(new byte[40_000]);
        stalledBody.flush();
        await().atMost(Duration.ofSeconds(20)).until(() -> uploadAt(path).leaseToken != null);

        // The client's retry takes over once the stalled request's lease ran out, and finishes the upload.
        List<Integer> retries = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            retries.add(patch(studentToken, path, 200_000, Arrays.copyOfRange(bytes, 200_000, bytes.length)).statusCode());
            return retries.get(retries.size() - 1) == 204;
        });
        stalledBody.close();

        assertThat(retries).as("the stalled request held the upload at first").startsWith(423);

        assertThat(stalled.get().statusCode()).isEqualTo(409);
        Upload upload = uploadAt(path);
        assertThat(upload.state).isEqualTo(Upload.State.COMPLETE);
        assertThat(upload.sha256).isEqualTo(storedSha256(upload)).isEqualTo(MediaFiles.sha256(new ByteArrayInputStream(bytes)));
    }

    private String storedSha256(Upload upload) throws Exception {
        try (InputStream in = storage.read(upload.storageKey)) {
            return MediaFiles.sha256(in);
        }
    }

    private static Upload uploadAt(String path) {
        return Upload.findById(path.substring(path.lastIndexOf('/') + 1));
    }
}
