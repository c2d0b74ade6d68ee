package academy.muse.recordings.usage;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.devstack.testing.TestTokens.UserRelations;
import academy.muse.mediastore.MediaStorage;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.RecordingProbe;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.support.StorageEvents;
import academy.muse.recordings.upload.Upload;
import academy.muse.recordings.upload.UploadKind;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static academy.muse.recordings.support.TusRequests.create;
import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static academy.muse.recordings.support.TusRequests.createDeferred;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.material;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static academy.muse.recordings.support.TusRequests.tus;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Quotas as a teacher meets them: lessons recorded in full past the quota, previews refused, usage and warnings. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class StorageQuotaTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);

    @Inject
    Rooms rooms;
    @Inject
    RecordingProbe probe;
    @Inject
    StorageEvents vod;
    @Inject
    QuotaLedger ledger;
    @Inject
    StorageThresholds thresholds;
    @Inject
    MediaStorage storage;
    @ConfigProperty(name = "muse.recordings.quota-bytes-per-user")
    long quota;

    @Test
    void aTeacherOverTheQuotaStillGetsTheWholeLessonRecordedByteForByteButNoNewPreview() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String teacherToken = TestTokens.teacher(teacher, student);
        String room = rooms.open(teacher, student);
        vod.stored(teacher, "replay-" + UUID.randomUUID(), "replay", quota + 5_000_000);

        byte[] teacherBytes = MediaFiles.randomRecording(600_000);
        String teacherPath = createdPath(createDeferred(teacherToken, track(room)));
        for (int offset = 0; offset < teacherBytes.length; offset += 200_000) {
            byte[] chunk = Arrays.copyOfRange(teacherBytes, offset, offset + 200_000);
            var request = tus(teacherToken).header("Upload-Offset", offset)
                    .contentType("application/offset+octet-stream").body(chunk);
            if (offset + chunk.length == teacherBytes.length) {
                request.header("Upload-Length", teacherBytes.length);
            }
            request.patch(teacherPath).then().statusCode(204);
        }
        byte[] studentBytes = MediaFiles.randomRecording(150_000);
        String studentToken = TestTokens.student(student, teacher);
        patch(studentToken, createdPath(create(studentToken, studentBytes.length, track(room))), 0, studentBytes)
                .then().statusCode(204);
        rooms.close(room);

        await().atMost(EVENTS).until(() -> probe.completed("room-" + room) != null);
        List<RecordingEvents.Track> tracks = probe.completed("room-" + room).tracks();
        assertThat(tracks).hasSize(2).noneMatch(RecordingEvents.Track::partial);
        for (RecordingEvents.Track track : tracks) {
            byte[] source = track.participantId().equals(teacher) ? teacherBytes : studentBytes;
            assertThat(track.sizeBytes()).isEqualTo(source.length);
            assertThat(MediaFiles.sha256(storage.read(track.storageKey())))
                    .isEqualTo(MediaFiles.sha256(new ByteArrayInputStream(source)));
        }
        StorageUsage usage = usageOf(teacher);
        assertThat(usage.originalsBytes()).as("both tracks count against the teacher who owns the lesson")
                .isEqualTo(teacherBytes.length + studentBytes.length);
        assertThat(usage.usedBytes()).isEqualTo(quota + 5_000_000 + teacherBytes.length + studentBytes.length);
        assertThat(usage.level()).isEqualTo(StorageUsage.Level.FULL);

        create(teacherToken, 1_000, material("Scales")).then().statusCode(413)
                .contentType("application/problem+json").body("type", containsString("quota-exceeded"))
                .body("detail", containsString("new previews are refused"));
        assertThat(Upload.ofOwner(teacher)).noneMatch(upload -> upload.kind == UploadKind.MATERIAL);
        assertThat(usageOf(teacher)).as("nothing stored changed").isEqualTo(usage);
        for (RecordingEvents.Track track : tracks) {
            assertThat(storage.size(track.storageKey())).isEqualTo(track.sizeBytes());
        }
    }

    @Test
    void usageIsCountedByCategoryEachPackageOnceAndDeletionsGiveBytesBack() {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher);
        vod.stored(teacher, "replay-1", "replay", 10_000);
        vod.stored(teacher, "replay-1", "replay", 10_000);
        vod.stored(teacher, "preview.1", "material", 5_000);
        vod.stored(teacher, "preview-2", "preview", 3_000);
        byte[] source = MediaFiles.randomRecording(2_000);
        patch(token, createdPath(create(token, source.length, material("Scales"))), 0, source).then().statusCode(204);
        String unfinished = createdPath(create(token, 1_000, material("Arpeggios")));

        given().auth().oauth2(token).get("/usage").then().statusCode(200)
                .body("quotaBytes", equalTo((int) quota))
                .body("originalsBytes", equalTo(3_000))
                .body("replaysBytes", equalTo(10_000))
                .body("previewsBytes", equalTo(8_000))
                .body("usedBytes", equalTo(21_000))
                .body("percent", equalTo(0))
                .body("level", equalTo("ok"));

        tus(token).delete(unfinished).then().statusCode(204);
        vod.removed(teacher, "preview.1", "material", 5_000);
        vod.removed(teacher, "preview.1", "material", 5_000);
        vod.stored(teacher, "replay-1", "replay", 12_000);

        StorageUsage usage = usageOf(teacher);
        assertThat(usage.originalsBytes()).isEqualTo(2_000);
        assertThat(usage.replaysBytes()).as("a package stored again counts its new size only").isEqualTo(12_000);
        assertThat(usage.previewsBytes()).isEqualTo(3_000);
        assertThat(usage.usedBytes()).isEqualTo(17_000);
    }

    @Test
    void eachWarningLevelIsPublishedOnceEachTimeUsageRisesPastIt() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher, student);
        vod.stored(teacher, "replay-a", "replay", quota * 78 / 100);
        byte[] source = MediaFiles.randomRecording((int) (quota * 3 / 100));
        patch(token, createdPath(create(token, source.length, material("Scales"))), 0, source).then().statusCode(204);
        vod.stored(teacher, "preview-a", "preview", quota * 15 / 100);
        String room = rooms.open(teacher, student);
        byte[] track = MediaFiles.randomRecording((int) (quota * 5 / 100));
        patch(token, createdPath(create(token, track.length, track(room))), 0, track).then().statusCode(204);

        await().atMost(EVENTS).until(() -> probe.thresholds(teacher).size() >= 3);
        assertThat(probe.thresholds(teacher)).extracting(RecordingEvents.StorageThresholdCrossed::percent)
                .containsExactly(80, 95, 100);

        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> judged = List.of(replicas.submit(() -> thresholds.check(teacher)),
                    replicas.submit(() -> thresholds.check(teacher)));
            for (Future<?> done : judged) {
                done.get();
            }
        } finally {
            replicas.shutdownNow();
        }
        vod.removed(teacher, "replay-a", "replay", quota * 78 / 100);
        vod.stored(teacher, "replay-b", "replay", quota * 75 / 100);

        assertThat(Usage.mongoDatabase().getCollection("outbox").countDocuments(and(eq("subject", teacher),
                eq("type", Events.RECORDING_STORAGE_THRESHOLD.type())))).as("stored once each, for the relay").isEqualTo(5);
        await().atMost(EVENTS).until(() -> probe.thresholds(teacher).size() >= 5);
        assertThat(probe.thresholds(teacher)).extracting(RecordingEvents.StorageThresholdCrossed::percent)
                .as("judging again publishes nothing; falling below 80 and 95 and rising again warns again")
                .containsExactly(80, 95, 100, 80, 95);
        RecordingEvents.StorageThresholdCrossed last = probe.thresholds(teacher).get(4);
        assertThat(last.quotaBytes()).isEqualTo(quota);
        assertThat(last.usedBytes()).isEqualTo(usageOf(teacher).usedBytes());
    }

    @Test
    void anOperatorSeesEveryOwnersUsageTheTotalAndTheFreeSpaceOfTheMediaVolume() {
        String teacher = "t-" + UUID.randomUUID();
        vod.stored(teacher, "replay-x", "replay", quota * 96 / 100);
        String admin = TestTokens.user("a-" + UUID.randomUUID(), "admin", "UTC",
                new UserRelations(List.of(), List.of(), List.of()));

        JsonPath report = given().auth().oauth2(admin).get("/usage/owners").then().statusCode(200)
                .body("owners.ownerId", hasItem(teacher))
                .body("owners.find { it.ownerId == '" + teacher + "' }.level", equalTo("critical"))
                .body("owners.find { it.ownerId == '" + teacher + "' }.replaysBytes", equalTo((int) (quota * 96 / 100)))
                .body("owners.find { it.ownerId == '" + teacher + "' }.percent", equalTo(96))
                .body("media.kind", equalTo("filesystem"))
                .body("media.location", endsWith(Path.of("target", "test-media").toString()))
                .extract().jsonPath();
        assertThat(report.getLong("totalBytes")).isEqualTo(ledger.all().stream().mapToLong(Usage::used).sum());
        assertThat(report.getLong("media.freeBytes")).isPositive().isLessThanOrEqualTo(report.getLong("media.totalBytes"));
        given().auth().oauth2(TestTokens.teacher(teacher)).get("/usage/owners").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/usage").then().statusCode(401).contentType("application/problem+json");
    }

    private StorageUsage usageOf(String ownerId) {
        return StorageUsage.of(ledger.find(ownerId).orElseThrow(), quota);
    }
}
