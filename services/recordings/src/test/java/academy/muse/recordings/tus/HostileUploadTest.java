package academy.muse.recordings.tus;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.RecordingProbe;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.support.TusRequests;
import academy.muse.recordings.usage.QuotaLedger;
import academy.muse.recordings.upload.Upload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static academy.muse.recordings.support.TusRequests.create;
import static academy.muse.recordings.support.TusRequests.createDeferred;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.material;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.tus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** Uploads an attacker would try: bytes that are no recording, and parallel uploads racing for the quota. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class HostileUploadTest {

    @Inject
    MediaStorage storage;
    @Inject
    Rooms rooms;
    @Inject
    RecordingProbe probe;
    @Inject
    QuotaLedger ledger;
    @ConfigProperty(name = "muse.recordings.quota-bytes-per-user")
    long quota;

    @Test
    void aPlaylistDeclaredAsMp4IsRefusedWith415AtItsLastByteAndLeavesNothingBehind() {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher);
        byte[] playlist = "#EXTM3U\n#EXTINF:8,\nfile:/etc/passwd\n#EXT-X-ENDLIST\n".getBytes(StandardCharsets.UTF_8);
        String path = createdPath(create(token, playlist.length, material("Scales")));
        String id = path.substring(path.lastIndexOf('/') + 1);
        String key = Upload.<Upload>findById(id).storageKey;

        patch(token, path, 0, playlist).then().statusCode(415)
                .contentType("application/problem+json").body("type", containsString("not-a-recording"));

        tus(token).head(path).then().statusCode(404);
        assertThat(storage.exists(key)).isFalse();
        assertThat(probe.completed(id)).isNull();
        assertThat(ledger.originals(teacher)).as("the quota it held is given back").isZero();
    }

    @Test
    void aDashManifestAndAConcatListAreRefusedLikeAnyOtherNonRecording() {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher);
        for (String fake : List.of("<?xml version=\"1.0\"?><MPD><Period><BaseURL>file:/etc/passwd</BaseURL></Period></MPD>",
                "ffconcat version 1.0\nfile '/etc/passwd'\n")) {
            byte[] bytes = fake.getBytes(StandardCharsets.UTF_8);
            String path = createdPath(create(token, bytes.length, material("Scales")));
            patch(token, path, 0, bytes).then().statusCode(415).body("type", containsString("not-a-recording"));
            tus(token).head(path).then().statusCode(404);
        }
    }

    @Test
    void aStudentsTrackTitleNeverNamesTheReplayOnlyTheTeachersDoes() {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open(teacher, student);
        upload(TestTokens.student(student, teacher), room, "Refund at evil.example");
        upload(TestTokens.teacher(teacher, student), room, "Violin with Sara");
        String quiet = rooms.open(teacher, student);
        upload(TestTokens.student(student, teacher), quiet, "Refund at evil.example");
        upload(TestTokens.teacher(teacher, student), quiet, null);

        rooms.close(room);
        rooms.close(quiet);

        await().atMost(Duration.ofSeconds(30)).until(() -> probe.completed("room-" + room) != null
                && probe.completed("room-" + quiet) != null);
        assertThat(probe.completed("room-" + room).title()).isEqualTo("Violin with Sara");
        assertThat(probe.completed("room-" + quiet).title()).as("no title rather than the student's").isNull();
    }

    @Test
    void controlCharactersInAnyUploadMetadataValueAreRefusedWith422AndNothingIsCreated() {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher);
        for (String bad : List.of("Violin\rBEGIN:VALARM", "two\nlines", "tab\there", "nul\u0000", "del\u007f",
                "c1\u0085", "line\u2028sep", "para\u2029sep", "bidi\u202Eevil", "isolate\u2066x")) {
            var metadata = material(bad);
            create(token, 10, metadata).then().statusCode(422).contentType("application/problem+json")
                    .body("type", containsString("invalid-characters"));
            var filename = material("Scales");
            filename.put("filename", bad + ".mp4");
            create(token, 10, filename).then().statusCode(422).body("type", containsString("invalid-characters"));
        }
        assertThat(Upload.ofOwner(teacher)).as("nothing stored").isEmpty();
        assertThat(ledger.originals(teacher)).isZero();
    }

    private void upload(String token, String room, String title) {
        var metadata = TusRequests.track(room);
        if (title != null) {
            metadata.put("title", title);
        }
        byte[] bytes = MediaFiles.randomRecording(1_000);
        patch(token, createdPath(create(token, bytes.length, metadata)), 0, bytes).then().statusCode(204);
    }

    @Test
    void parallelUploadsOfUnknownLengthNeverStoreMoreThanTheQuota() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher);
        int uploads = 6;
        int chunk = (int) (quota / (uploads - 1)) - 1;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < uploads; i++) {
            paths.add(createdPath(createDeferred(token, material("Etude " + i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(uploads);
        try {
            List<Callable<Integer>> patches = paths.stream().<Callable<Integer>>map(path ->
                    () -> patch(token, path, 0, MediaFiles.randomRecording(chunk)).statusCode()).toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : pool.invokeAll(patches, 2, TimeUnit.MINUTES)) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(204, 413).contains(413);
        } finally {
            pool.shutdownNow();
        }

        long stored = paths.stream().map(path -> Upload.<Upload>findById(path.substring(path.lastIndexOf('/') + 1)))
                .mapToLong(upload -> upload.offset).sum();
        assertThat(stored).isLessThanOrEqualTo(quota).isGreaterThan(0);
        assertThat(ledger.originals(teacher)).as("reservations of finished PATCHes are settled").isEqualTo(stored);
    }
}
