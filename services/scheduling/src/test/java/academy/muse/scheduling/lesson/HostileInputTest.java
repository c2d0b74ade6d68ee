package academy.muse.scheduling.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.VodEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.Lessons;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static academy.muse.scheduling.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/**
 * Input an attacker would send to scheduling: control characters that would break a calendar feed open, and a
 * material that names another teacher's lesson. Each is refused, and what was stored stays as it was.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class HostileInputTest {

    private static final List<String> NOT_PLAIN = List.of("Violin\rBEGIN:VALARM", "Violin\nBEGIN:VALARM",
            "Violin\r\nBEGIN:VALARM", "tab\there", "nul\u0000", "del\u007f", "c1\u0085", "line\u2028sep",
            "para\u2029sep", "bidi\u202Egnp.exe", "isolate\u2067x");

    @Inject
    EventPublisher publisher;

    private final String studentId = Api.id("student");
    private final String teacherId = Api.id("teacher");
    private final String teacher = Api.teacher(teacherId, "Asia/Seoul", studentId);

    @Test
    void lessonAndSeriesTitlesWithControlCharactersAreRefusedWith422AndNothingIsBooked() {
        for (String title : NOT_PLAIN) {
            Api.bookLesson(teacher, Api.lesson(title, "Asia/Seoul", "2027-05-04T18:00", 45, studentId))
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", endsWith("/invalid-characters"));
            Api.bookSeries(teacher, Map.of("title", title, "zone", "Asia/Seoul", "startDate", "2027-05-04",
                            "count", 2, "time", "18:00", "weekdays", List.of("TUESDAY"), "durationMinutes", 45,
                            "studentIds", List.of(studentId)))
                    .statusCode(422).body("type", endsWith("/invalid-characters"));
        }
        assertThat(Lesson.count("teacherId", teacherId)).isZero();
    }

    @Test
    void renamingOrCancellingWithControlCharactersIsRefusedAndTheLessonStaysAsItWas() {
        String lessonId = book("Violin");
        Lesson before = Lessons.reload(lessonId);

        for (String bad : NOT_PLAIN) {
            as(teacher).body(Map.of("title", bad)).when().patch("/lessons/" + lessonId)
                    .then().statusCode(422).body("type", endsWith("/invalid-characters"));
        }
        as(teacher).body(Map.of("reason", "ill\rBEGIN:VALARM")).when().post("/lessons/" + lessonId + "/cancel")
                .then().statusCode(422).body("type", endsWith("/invalid-characters"));
        as(teacher).body(Map.of("reason", "bidi\u202Ereason")).when().post("/lessons/" + lessonId + "/cancel")
                .then().statusCode(422);

        Lesson after = Lessons.reload(lessonId);
        assertThat(after.title).isEqualTo("Violin");
        assertThat(after.state).isEqualTo(before.state);
        assertThat(after.revision).isEqualTo(before.revision);
    }

    @Test
    void aTitleWithALoneCrStoredBeforeTheCheckCannotAddAnAlarmToTheFeed() {
        String lessonId = book("Violin");
        Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", lessonId),
                Updates.set("title", "Violin\rBEGIN:VALARM\rTRIGGER:-PT1M\rACTION:DISPLAY\rEND:VALARM"));

        String url = as(teacher).when().post("/calendar/token").then().statusCode(201).extract().path("url");
        String feed = given().when().get(url.substring(url.indexOf("/calendar/"))).then().statusCode(200)
                .extract().asString();

        assertThat(feed).doesNotContain("\r\nBEGIN:VALARM").doesNotContain("\rBEGIN:VALARM")
                .contains("SUMMARY:Violin BEGIN:VALARM TRIGGER:-PT1M");
        assertThat(feed.replace("\r\n", "")).doesNotContain("\r");
    }

    @Test
    void aMaterialNamingAnotherTeachersLessonIsNotAttachedToIt() {
        String lessonId = book("Violin");
        String intruder = Api.id("intruder");

        publisher.publish(Events.VOD_ASSET_READY, "intruder-" + lessonId, new VodEvents.VodAssetReady(
                "asset-intruder-" + lessonId, "rec-i", "material", null, lessonId, intruder, List.of(studentId),
                "Click here", 60.0, "/media/i/master.m3u8", "/media/i/manifest.mpd", "/media/i/poster.jpg"));
        publisher.publish(Events.VOD_ASSET_READY, "own-" + lessonId, new VodEvents.VodAssetReady(
                "asset-own-" + lessonId, "rec-o", "material", null, lessonId, teacherId, List.of(studentId),
                "Bowing", 60.0, "/media/o/master.m3u8", "/media/o/manifest.mpd", "/media/o/poster.jpg"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !Lessons.reload(lessonId).replays.isEmpty());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() ->
                Lessons.reload(lessonId).replays.size() == 1);
        assertThat(Lessons.reload(lessonId).replays).extracting(replay -> replay.assetId)
                .containsExactly("asset-own-" + lessonId);
    }

    private String book(String title) {
        return Api.bookLesson(teacher, Api.lesson(title, "Asia/Seoul", "2027-05-04T18:00", 45, studentId))
                .statusCode(201).body("lessons[0].title", containsString(title)).extract().path("lessons[0].id");
    }
}
