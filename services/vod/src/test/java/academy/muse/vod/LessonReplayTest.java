package academy.muse.vod;

import academy.muse.contracts.events.VodEvents;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.job.PackagingJobs;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A two-participant lesson (the teacher's MP4 with H.264 and Opus, the student's WebM with VP8 and Opus, started
 * 1.5 s later) becomes one replay: the lesson view side by side with mixed stereo audio, in HLS and DASH, that
 * real players play in a real browser.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class LessonReplayTest {

    private static RecordingCompleted lesson;
    private static Asset replay;

    @Inject
    TestRecordings recordings;
    @Inject
    Ffmpeg ffmpeg;
    @Inject
    PackagingJobs jobs;
    @Inject
    Assets assets;
    @Inject
    MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    String database;
    @TestHTTPResource("/")
    URL root;

    private synchronized Asset replay() {
        if (replay == null) {
            lesson = recordings.lesson("lesson-" + System.nanoTime());
            replay = recordings.packaged(lesson);
        }
        return replay;
    }

    private static String teacher() {
        return TestTokens.teacher(TestRecordings.TEACHER, TestRecordings.STUDENT);
    }

    private static String student() {
        return TestTokens.student(TestRecordings.STUDENT, TestRecordings.TEACHER);
    }

    private JsonPath playback(String bearer) {
        return given().auth().oauth2(bearer)
                .post("/assets/{id}/playback", replay().id())
                .then().statusCode(200).extract().jsonPath();
    }

    private String url(String path) {
        return root.toString().replaceAll("/$", "") + path;
    }

    @Test
    void lessonViewShowsBothParticipantsSideBySideWithStereoAudioForTheWholeLesson() throws Exception {
        JsonNode probe = Probes.probe(ffmpeg.tools().ffprobe(), url(playback(teacher()).getString("hls")));

        double lessonSeconds = TestRecordings.STUDENT_LATER.toMillis() / 1000.0 + TestRecordings.STUDENT_SECONDS;
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(lessonSeconds, within(0.6));
        assertThat(replay().durationSeconds()).isCloseTo(lessonSeconds, within(0.3));
        List<JsonNode> videos = Probes.streams(probe, "video");
        assertThat(videos).extracting(video -> video.path("codec_name").asText()).containsOnly("h264");
        assertThat(videos).extracting(video -> video.path("width").asInt() + "x" + video.path("height").asInt())
                .as("two 320x240 tiles side by side, and the low rendition")
                .contains("640x240", "320x120");
        List<JsonNode> audios = Probes.streams(probe, "audio");
        assertThat(audios).isNotEmpty().allSatisfy(audio -> {
            assertThat(audio.path("codec_name").asText()).isEqualTo("aac");
            assertThat(audio.path("channels").asInt()).isEqualTo(2);
            assertThat(audio.path("sample_rate").asInt()).isEqualTo(48000);
        });
    }

    @Test
    void aStudentWhoReloadedKeepsOneTileInWhichTheirTwoTracksFollowEachOther() throws Exception {
        Asset reloaded = recordings.packaged(recordings.lessonWithReload("lesson-reload-" + System.nanoTime()));
        String hls = given().auth().oauth2(teacher()).post("/assets/{id}/playback", reloaded.id())
                .then().statusCode(200).extract().jsonPath().getString("hls");
        JsonNode probe = Probes.probe(ffmpeg.tools().ffprobe(), url(hls));

        double lessonSeconds = (TestRecordings.STUDENT_LATER.toMillis() + TestRecordings.RELOAD_GAP.toMillis()) / 1000.0
                + TestRecordings.STUDENT_SECONDS + TestRecordings.TEACHER_SECONDS;
        assertThat(probe.path("format").path("duration").asDouble()).isCloseTo(lessonSeconds, within(0.6));
        assertThat(Probes.streams(probe, "video"))
                .extracting(video -> video.path("width").asInt() + "x" + video.path("height").asInt())
                .as("still two tiles side by side: the teacher's and the student's, not three")
                .contains("640x240");
        assertThat(reloaded.tracks()).extracting(Asset.Track::participantId)
                .containsExactly(TestRecordings.TEACHER, TestRecordings.STUDENT, TestRecordings.STUDENT);
    }

    @Test
    void dashAndHlsShareTwoSecondSegmentsAndAnnounceMusicGradeAudio() {
        String base = playback(teacher()).getString("dash").replace("manifest.mpd", "");
        String mpd = given().get(base + "manifest.mpd").then().statusCode(200).extract().asString();
        assertThat(mpd).contains("maxSegmentDuration=\"PT2.0S\"", "contentType=\"audio\"", "value=\"2\"");
        int audioBandwidth = Integer.parseInt(mpd.replaceAll("(?s).*mimeType=\"audio/mp4\" codecs=\"mp4a[^\"]*\" bandwidth=\"(\\d+)\".*", "$1"));
        assertThat(audioBandwidth).as("AAC bitrate").isGreaterThanOrEqualTo(192_000);

        String master = given().get(base + "master.m3u8").then().statusCode(200).extract().asString();
        assertThat(master).contains("media_0.m3u8", "media_1.m3u8", "TYPE=AUDIO");
        List<Double> segments = Probes.segmentSeconds(given().get(base + "media_0.m3u8").then().statusCode(200).extract().asString());
        assertThat(segments.subList(0, segments.size() - 1)).allSatisfy(seconds -> assertThat(seconds).isCloseTo(2.0, within(0.05)));
        assertThat(segments.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(replay().durationSeconds(), within(0.3));
        given().get(base + "chunk-stream0-00001.m4s").then().statusCode(200);
        given().get(base + "poster.jpg").then().statusCode(200).contentType("image/jpeg");
    }

    @Test
    void eachParticipantsTrackIsRemuxedWhenH264AndTranscodedOtherwise() throws Exception {
        assertThat(replay().tracks()).extracting(Asset.Track::participantId, Asset.Track::remuxed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TestRecordings.TEACHER, true),
                        org.assertj.core.groups.Tuple.tuple(TestRecordings.STUDENT, false));
        List<String> tracks = playback(teacher()).getList("tracks");
        for (String track : tracks) {
            JsonNode probe = Probes.probe(ffmpeg.tools().ffprobe(), url(track));
            assertThat(Probes.streams(probe, "video")).singleElement()
                    .satisfies(video -> assertThat(video.path("codec_name").asText()).isEqualTo("h264"));
            assertThat(Probes.streams(probe, "audio")).singleElement().satisfies(audio -> {
                assertThat(audio.path("codec_name").asText()).isEqualTo("aac");
                assertThat(audio.path("channels").asInt()).isEqualTo(2);
                assertThat(audio.path("bit_rate").asLong()).isGreaterThanOrEqualTo(192_000);
            });
        }
    }

    @Test
    void theReplayIsAnnouncedOnceForSchedulingToAttach() {
        replay();
        List<Document> announced = mongo.getDatabase(database).getCollection("outbox")
                .find(Filters.eq("type", "academy.muse.vod.asset-ready.v1")).into(new java.util.ArrayList<>())
                .stream().filter(entry -> entry.getString("event").contains(lesson.recordingId())).toList();
        assertThat(announced).singleElement().satisfies(entry -> {
            assertThat(entry.getString("_id")).isEqualTo(VodEvents.VodAssetReady.eventId(lesson.recordingId()));
            assertThat(entry.getString("event")).contains(replay().id(), lesson.lessonOccurrenceId(), "master.m3u8");
        });
    }

    @Test
    void aRedeliveredRecordingYieldsNoSecondAssetOrJob() {
        Asset first = replay();
        String announcedAgain = recordings.announce(lesson);
        String redelivered = "redelivered-" + lesson.recordingId();
        recordings.announce(lesson, redelivered);
        recordings.announce(lesson, redelivered);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> mongo.getDatabase(database).getCollection("inbox")
                        .countDocuments(Filters.in("_id", announcedAgain, redelivered)) == 2);


        assertThat(assets.countForRecording(lesson.recordingId())).isEqualTo(1);
        assertThat(jobs.countForRecording(lesson.recordingId())).isEqualTo(1);
        assertThat(jobs.status(lesson.recordingId())).hasValue("DONE");
        assertThat(assets.find(first.id()).orElseThrow().storagePrefix()).isEqualTo(first.storagePrefix());
    }

    @Test
    void hlsJsPlaysTheLessonViewPastFiveSeconds() throws Exception {
        Browsers.Playback playback = Browsers.play("hls", url(playback(student()).getString("hls")), 5);
        assertThat(playback.reachedMark()).as(playback.report()).isTrue();
    }

    @Test
    void dashJsPlaysTheLessonViewPastFiveSeconds() throws Exception {
        Browsers.Playback playback = Browsers.play("dash", url(playback(student()).getString("dash")), 5);
        assertThat(playback.reachedMark()).as(playback.report()).isTrue();
    }
}
