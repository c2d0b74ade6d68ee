package academy.muse.vod;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.media.MediaTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Who may watch what: a lesson's participants watch its replay, a teacher's students watch the teacher's
 * materials, and every manifest and segment request is authorised by the signed token in its path.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class MediaAccessTest {

    private static final String OWNER = "teacher-min";
    private static final String OWNERS_STUDENT = "student-lina";
    private static final String STRANGER = "student-other";

    private static Asset material;

    @Inject
    TestRecordings recordings;
    @Inject
    MediaTokens tokens;
    @Inject
    Assets assets;

    private synchronized Asset material() {
        if (material == null) {
            material = recordings.packaged(recordings.material(OWNER));
        }
        return material;
    }

    private String playbackBase(String bearer) {
        String hls = given().auth().oauth2(bearer).post("/assets/{id}/playback", material().id())
                .then().statusCode(200).extract().path("hls");
        return hls.replace("master.m3u8", "");
    }

    private static String student() {
        return TestTokens.student(OWNERS_STUDENT, OWNER);
    }

    @Test
    void aRoomTicketIsNotAUserToken() {
        String roomTicket = TestTokens.roomTicket("k7m-2qd-x9a-4hb", "student-sara", "participant", "Sara");
        given().auth().oauth2(roomTicket).get("/assets").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(roomTicket).post("/assets/{id}/playback", material().id()).then().statusCode(401);
    }

    @Test
    void aTeachersStudentGetsPlaybackUrlsForTheTeachersMaterial() {
        given().auth().oauth2(student()).post("/assets/{id}/playback", material().id())
                .then().statusCode(200)
                .body("hls", startsWith("/media/")).body("hls", containsString("/" + material().id() + "/master.m3u8"))
                .body("dash", containsString("/manifest.mpd"))
                .body("poster", containsString("/poster.jpg"))
                .body("expiresAt", not(equalTo(null)));
        given().auth().oauth2(student()).get("/assets").then().statusCode(200).body("id", hasItem(material().id()));
    }

    @Test
    void aStudentOfAnotherTeacherMayNeitherSeeNorPlayTheMaterial() {
        String stranger = TestTokens.student(STRANGER, "teacher-someone-else");
        given().auth().oauth2(stranger).post("/assets/{id}/playback", material().id())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(stranger).get("/assets/{id}", material().id()).then().statusCode(404);
        given().auth().oauth2(stranger).get("/assets").then().statusCode(200).body("id", not(hasItem(material().id())));
    }

    @Test
    void playbackNeedsASignedInViewer() {
        given().post("/assets/{id}/playback", material().id()).then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.expiredUser(OWNERS_STUDENT, "student"))
                .post("/assets/{id}/playback", material().id()).then().statusCode(401);
    }

    @Test
    void manifestsSegmentsTracksAndPosterAreServedWithTheirContentTypes() {
        String base = playbackBase(student());
        given().get(base + "manifest.mpd").then().statusCode(200).contentType("application/dash+xml")
                .header("Cache-Control", containsString("private"));
        given().get(base + "master.m3u8").then().statusCode(200).contentType("application/vnd.apple.mpegurl");
        given().get(base + "media_0.m3u8").then().statusCode(200).contentType("application/vnd.apple.mpegurl");
        given().get(base + "init-stream0.m4s").then().statusCode(200).contentType("video/iso.segment")
                .header("Cache-Control", containsString("immutable"));
        given().get(base + "chunk-stream1-00001.m4s").then().statusCode(200).contentType("video/iso.segment");
        given().get(base + "track-1.mp4").then().statusCode(200).contentType("video/mp4").header("Accept-Ranges", "bytes");
        given().get(base + "poster.jpg").then().statusCode(200).contentType("image/jpeg");
        given().get(base + "ffmpeg-1.log").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theLowRenditionOfARemuxedVideoCutsItsSegmentsWhereTheCopiedVideoDoes() {
        String base = playbackBase(student());
        List<Double> main = Probes.segmentSeconds(given().get(base + "media_0.m3u8").then().extract().asString());
        List<Double> low = Probes.segmentSeconds(given().get(base + "media_1.m3u8").then().extract().asString());
        assertThat(main.get(0)).as("the recorder's keyframe interval is kept").isGreaterThan(3.0);
        assertThat(low).hasSameSizeAs(main);
        for (int i = 0; i < main.size(); i++) {
            assertThat(low.get(i)).isCloseTo(main.get(i), within(0.04));
        }
    }

    @Test
    void aByteRangeOfATrackIsAnsweredWithPartialContent() {
        String base = playbackBase(student());
        long size = Long.parseLong(given().get(base + "track-1.mp4").then().statusCode(200).extract().header("Content-Length"));
        byte[] range = given().header("Range", "bytes=100-199").get(base + "track-1.mp4")
                .then().statusCode(206)
                .header("Content-Range", "bytes 100-199/" + size)
                .header("Content-Length", "100")
                .extract().asByteArray();
        byte[] whole = given().get(base + "track-1.mp4").then().extract().asByteArray();
        assertThat(range).containsExactly(java.util.Arrays.copyOfRange(whole, 100, 200));
        given().header("Range", "bytes=-10").get(base + "track-1.mp4")
                .then().statusCode(206).header("Content-Range", "bytes " + (size - 10) + "-" + (size - 1) + "/" + size);
        given().header("Range", "bytes=" + size + "-").get(base + "track-1.mp4")
                .then().statusCode(416).header("Content-Range", "bytes */" + size);
    }

    @Test
    void anExpiredTokenIsRefusedForManifestsAndSegments() {
        String expired = tokens.issue(material().id(), OWNERS_STUDENT, Instant.now().minus(Duration.ofDays(1))).token();
        String base = "/media/" + expired + "/" + material().id() + "/";
        given().get(base + "manifest.mpd").then().statusCode(403).contentType("application/problem+json");
        given().get(base + "chunk-stream0-00001.m4s").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aTokenForOneAssetOpensNoOtherAsset() {
        RecordingCompleted lesson = recordings.lesson("lesson-foreign-" + System.nanoTime());
        recordings.announce(lesson);
        recordings.awaitJob(lesson);
        String foreignAsset = Assets.idFor(lesson.recordingId());
        String token = playbackBase(student()).split("/")[2];
        given().get("/media/" + token + "/" + foreignAsset + "/manifest.mpd").then().statusCode(403);
        given().get("/media/" + token + "/" + foreignAsset + "/chunk-stream0-00001.m4s").then().statusCode(403);
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = playbackBase(student()).split("/")[2];
        String[] parts = token.split("\\.");
        String otherViewer = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(STRANGER.getBytes());
        String extended = (Long.parseLong(parts[0]) + 86_400) + "." + parts[1] + "." + parts[2];
        String reassigned = parts[0] + "." + otherViewer + "." + parts[2];
        for (String forged : new String[]{extended, reassigned, "garbage"}) {
            given().get("/media/" + forged + "/" + material().id() + "/master.m3u8").then().statusCode(403);
        }
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedForManifestsAndSegments() {
        // What a service holding some other key (say the service-token key) could mint: well-formed, unexpired,
        // for the right asset and viewer, but not signed with vod's own playback key.
        byte[] otherKey = "another-key-that-only-looks-like-a-playback-key".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String forged = new MediaTokens(otherKey, Duration.ofHours(1))
                .issue(material().id(), OWNERS_STUDENT, Instant.now()).token();
        String base = "/media/" + forged + "/" + material().id() + "/";
        given().get(base + "manifest.mpd").then().statusCode(403).contentType("application/problem+json");
        given().get(base + "master.m3u8").then().statusCode(403);
        given().get(base + "chunk-stream0-00001.m4s").then().statusCode(403).contentType("application/problem+json");
        given().get(playbackBase(student()) + "manifest.mpd").then().statusCode(200);
    }

    @Test
    void anAssetStillBeingPackagedCannotBePlayedYet() {
        RecordingCompleted lesson = recordings.lesson("lesson-pending-" + System.nanoTime());
        recordings.announce(lesson);
        recordings.awaitJob(lesson);
        String teacher = TestTokens.teacher(TestRecordings.TEACHER, TestRecordings.STUDENT);
        given().auth().oauth2(teacher).get("/assets?lesson={lesson}", lesson.lessonOccurrenceId())
                .then().statusCode(200).body("status", hasItem("processing"));
        given().auth().oauth2(teacher).post("/assets/{id}/playback", Assets.idFor(lesson.recordingId()))
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.student(STRANGER)).get("/assets?lesson={lesson}", lesson.lessonOccurrenceId())
                .then().statusCode(200).body("id", not(hasItem(Assets.idFor(lesson.recordingId()))));
    }
}
