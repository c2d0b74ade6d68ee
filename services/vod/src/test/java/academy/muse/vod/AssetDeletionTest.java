package academy.muse.vod;

import academy.muse.contracts.events.AccountEvents.AccountDeleted;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A teacher deletes a replay or a preview: from that instant nobody watches it, not even with links handed out
 * before; its media stays in storage for the grace period. An account deletion does the same to what the person
 * owned, and takes them off everyone else's replays.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class AssetDeletionTest {

    private static final String TEACHER = "teacher-deleting";
    private static Asset replay;

    @Inject
    TestRecordings recordings;
    @Inject
    Assets assets;
    @Inject
    StoredMedia media;
    @Inject
    EventPublisher publisher;

    private synchronized Asset replay() {
        if (replay == null) {
            replay = recordings.packaged(TestRecordings.ownedBy(recordings.lesson("lesson-" + System.nanoTime()), TEACHER));
        }
        return replay;
    }

    private static String teacher() {
        return TestTokens.teacher(TEACHER, TestRecordings.STUDENT);
    }

    private static String student() {
        return TestTokens.student(TestRecordings.STUDENT, TEACHER);
    }

    @Test
    void aDeletedReplaysMediaUrlsAnswer404AtOnceWhileItsBytesWaitForTheGracePeriod() {
        Asset lesson = recordings.packaged(TestRecordings.ownedBy(recordings.lesson("lesson-" + System.nanoTime()), TEACHER));
        String base = given().auth().oauth2(student()).post("/assets/{id}/playback", lesson.id())
                .then().statusCode(200).extract().<String>path("hls").replace("master.m3u8", "");
        given().get(base + "master.m3u8").then().statusCode(200);
        given().get(base + "chunk-stream0-00001.m4s").then().statusCode(200);
        int storedFiles = media.objects(lesson.id()).size();

        given().auth().oauth2(teacher()).delete("/assets/{id}", lesson.id()).then().statusCode(204);

        for (String file : List.of("master.m3u8", "manifest.mpd", "media_0.m3u8", "chunk-stream0-00001.m4s",
                "track-1.mp4", "poster.jpg")) {
            given().get(base + file).then().statusCode(404).contentType("application/problem+json");
        }
        for (String bearer : List.of(student(), teacher())) {
            given().auth().oauth2(bearer).get("/assets/{id}", lesson.id()).then().statusCode(404);
            given().auth().oauth2(bearer).post("/assets/{id}/playback", lesson.id()).then().statusCode(404);
            given().auth().oauth2(bearer).get("/assets").then().statusCode(200).body("id", not(hasItem(lesson.id())));
            given().auth().oauth2(bearer).get("/assets?lesson={lesson}", lesson.lessonOccurrenceId())
                    .then().statusCode(200).body("id", not(hasItem(lesson.id())));
        }
        assertThat(media.objects(lesson.id())).as("removed only after the grace period").hasSize(storedFiles);
    }

    @Test
    void deletingTwiceAnswers204AndKeepsTheFirstDeletionTime() {
        Asset preview = recordings.packaged(recordings.material(TEACHER));
        given().auth().oauth2(teacher()).delete("/assets/{id}", preview.id()).then().statusCode(204);
        var deletedAt = assets.find(preview.id()).orElseThrow().deletedAt();
        given().auth().oauth2(teacher()).delete("/assets/{id}", preview.id()).then().statusCode(204);
        assertThat(assets.find(preview.id()).orElseThrow().deletedAt()).isEqualTo(deletedAt).isNotNull();
        given().auth().oauth2(student()).delete("/assets/{id}", preview.id()).then().statusCode(404);
        given().auth().oauth2(teacher()).delete("/assets/{id}", "no-such-asset").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheOwnerOrAnAdminMayDeleteAReplay() {
        given().auth().oauth2(student()).delete("/assets/{id}", replay().id()).then().statusCode(403)
                .contentType("application/problem+json");
        // Someone who may not even watch it learns nothing: for them it is not there.
        given().auth().oauth2(TestTokens.teacher("teacher-other")).delete("/assets/{id}", replay().id()).then().statusCode(404)
                .contentType("application/problem+json");
        given().delete("/assets/{id}", replay().id()).then().statusCode(401);
        given().auth().oauth2(student()).post("/assets/{id}/playback", replay().id()).then().statusCode(200);

        Asset preview = recordings.packaged(recordings.material("teacher-admin-deletes"));
        String admin = TestTokens.user("admin-ops", "admin", "UTC", new TestTokens.UserRelations(List.of(), List.of(), List.of()));
        given().auth().oauth2(admin).delete("/assets/{id}", preview.id()).then().statusCode(204);
        assertThat(assets.find(preview.id()).orElseThrow().isDeleted()).isTrue();
    }

    @Test
    void aDeletedTeachersAssetsAreDeletedAndADeletedStudentStopsWatchingOthersReplays() {
        String leaving = "teacher-leaving-" + System.nanoTime();
        String student = "student-leaving-" + System.nanoTime();
        RecordingCompleted own = recordings.material(leaving);
        RecordingCompleted watched = withViewer(recordings.lesson("lesson-" + System.nanoTime()), student);
        String ownId = assets.createProcessing(own);
        String watchedId = assets.createProcessing(watched);

        publisher.publish(Events.ACCOUNT_DELETED, leaving, new AccountDeleted(leaving, List.of("teacher")));
        publisher.publish(Events.ACCOUNT_DELETED, student, new AccountDeleted(student, List.of("student")));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(assets.find(ownId).orElseThrow().isDeleted()).isTrue();
            assertThat(assets.find(watchedId).orElseThrow().viewerIds()).doesNotContain(student)
                    .contains(TestRecordings.TEACHER);
        });
        assertThat(assets.find(watchedId).orElseThrow().isDeleted()).as("the teacher's replay stays").isFalse();
    }

    private static RecordingCompleted withViewer(RecordingCompleted lesson, String viewer) {
        return new RecordingCompleted(lesson.recordingId(), lesson.kind(), lesson.roomCode(), lesson.lessonOccurrenceId(),
                lesson.ownerId(), List.of(lesson.ownerId(), viewer), lesson.title(), lesson.tracks());
    }
}
