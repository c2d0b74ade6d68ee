package academy.muse.scheduling.lesson;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.roomissuer.RoomIssuer;
import academy.muse.scheduling.series.Series;
import academy.muse.scheduling.series.SeriesService;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.Lessons;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static academy.muse.scheduling.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Moving or cancelling one occurrence, this and the following ones, or ending a series. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class LessonChangesTest {

    @Inject
    SeriesService series;
    @Inject
    MongoClient mongo;
    @Inject
    RoomIssuer issuer;

    private final String studentId = Api.id("student");
    private final String teacherId = Api.id("teacher");
    private final String teacher = Api.teacher(teacherId, "Asia/Seoul", studentId);

    @Test
    void movingOneOccurrenceLeavesTheOthersWhereTheyWere() {
        List<String> ids = bookMondays(4);

        as(teacher).body(Map.of("start", "2027-02-10T19:00", "zone", "Asia/Seoul")).when().patch("/lessons/" + ids.get(1))
                .then().statusCode(200).body("lessons[0].startsAt", equalTo("2027-02-10T10:00:00Z"));

        assertThat(occurrenceStarts(ids)).containsExactly("2027-02-01T09:00:00Z", "2027-02-10T10:00:00Z",
                "2027-02-15T09:00:00Z", "2027-02-22T09:00:00Z");
    }

    @Test
    void aMoveIsAnnouncedWithItsTitleRevisionAndTheTeachersReasonForTheParticipantsMail() {
        List<String> ids = bookMondays(2);

        as(teacher).body(Map.of("start", "2027-02-10T19:00", "zone", "Asia/Seoul", "reason", "concert on Monday"))
                .when().patch("/lessons/" + ids.get(1)).then().statusCode(200);

        Document moved = mongo.getDatabase("scheduling").getCollection("outbox").find(Filters.and(
                Filters.eq("type", "academy.muse.lesson.scheduled.v1"), Filters.eq("subject", ids.get(1)),
                Filters.regex("_id", ":1$"))).first();
        assertThat(moved).isNotNull();
        Document data = Document.parse(moved.getString("event")).get("data", Document.class);
        assertThat(data.getString("reason")).isEqualTo("concert on Monday");
        assertThat(data.getInteger("sequence")).isEqualTo(1);
        assertThat(data.getString("title")).isNotBlank();
        assertThat(data.getString("startsAt")).startsWith("2027-02-10T10:00");
    }

    @Test
    void changingTheTimeFromOneOccurrenceOnMovesItAndTheFollowingOnes() {
        List<String> ids = bookMondays(4);

        as(teacher).body(Map.of("scope", "following", "time", "20:30", "durationMinutes", 60))
                .when().patch("/lessons/" + ids.get(2)).then().statusCode(200);

        assertThat(occurrenceStarts(ids)).containsExactly("2027-02-01T09:00:00Z", "2027-02-08T09:00:00Z",
                "2027-02-15T11:30:00Z", "2027-02-22T11:30:00Z");
        as(teacher).when().get("/lessons/" + ids.get(3)).then().body("durationMinutes", equalTo(60));
    }

    @Test
    void cancellingThisAndTheFollowingEndsTheSeriesBeforeIt() {
        List<String> ids = bookMondays(4);

        JsonPath cancelled = as(teacher).body(Map.of("scope", "following", "reason", "moving abroad"))
                .when().post("/lessons/" + ids.get(2) + "/cancel").then().statusCode(200).extract().jsonPath();

        assertThat(cancelled.getList("id", String.class)).containsExactly(ids.get(2), ids.get(3));
        assertThat(states(ids)).containsExactly("scheduled", "scheduled", "cancelled", "cancelled");
        String seriesId = as(teacher).when().get("/lessons/" + ids.get(0)).then().extract().path("seriesId");
        as(teacher).when().get("/series/" + seriesId).then().body("series.endDate", equalTo("2027-02-14"));
    }

    @Test
    void cancellingOneOccurrenceKeepsTheRest() {
        List<String> ids = bookMondays(3);

        as(teacher).body(Map.of("reason", "concert")).when().post("/lessons/" + ids.get(0) + "/cancel")
                .then().statusCode(200).body("[0].cancelReason", equalTo("concert"));

        assertThat(states(ids)).containsExactly("cancelled", "scheduled", "scheduled");
    }

    @Test
    void endingASeriesCancelsEveryOccurrenceNotYetStarted() {
        List<String> ids = bookMondays(3);
        String seriesId = as(teacher).when().get("/lessons/" + ids.get(0)).then().extract().path("seriesId");

        as(teacher).body(Map.of()).when().post("/series/" + seriesId + "/end").then().statusCode(200);

        assertThat(states(ids)).containsOnly("cancelled");
    }

    @Test
    void aStudentCannotMoveALessonAndAMoveCannotDoubleBookTheTeacher() {
        List<String> ids = bookMondays(2);
        as(Api.student(studentId, "Asia/Dubai", teacherId)).body(Map.of("start", "2027-02-02T18:00"))
                .when().patch("/lessons/" + ids.get(0)).then().statusCode(403);

        as(teacher).body(Map.of("start", "2027-02-08T18:30", "zone", "Asia/Seoul")).when().patch("/lessons/" + ids.get(0))
                .then().statusCode(409).body("detail", containsString(ids.get(1)));
        assertThat(occurrenceStarts(ids)).containsExactly("2027-02-01T09:00:00Z", "2027-02-08T09:00:00Z");
    }

    @Test
    void theHorizonJobMaterialisesOccurrencesAsTheyComeIntoRangeAndOnlyOnce() {
        List<String> ids = bookMondays(6);
        String seriesId = Lessons.reload(ids.get(0)).seriesId;
        // As if the horizon had only reached 2027-02-15 when the series was booked.
        Lesson.delete("seriesId = ?1 and seriesDate >= ?2", seriesId, "2027-02-15");
        Series.<Series>mongoCollection().updateOne(Filters.eq("_id", seriesId),
                Updates.set("materialisedUntil", "2027-02-15"));

        series.extendHorizons();
        series.extendHorizons();

        assertThat(series.occurrences(seriesId)).extracting(lesson -> lesson.id).containsExactlyElementsOf(ids);
        assertThat(Lessons.reload(ids.get(5)).startsAt).hasToString("2027-03-08T09:00:00Z");
    }

    @Test
    void aTeacherMovesALessonWhoseRoomIsIssuedAndTheRoomFollowsKeepingItsCode() {
        String lessonId = lessonWithIssuedRoom();
        String code = Lessons.reload(lessonId).roomCode;
        int revision = Lessons.reload(lessonId).revision;
        String later = Lessons.utcStartIn(Duration.ofMinutes(40));
        Instant startsAt = LocalDateTime.parse(later).toInstant(ZoneOffset.UTC);

        as(teacher).body(Map.of("start", later, "zone", "UTC", "reason", "my train is late")).when().patch("/lessons/" + lessonId)
                .then().statusCode(200)
                .body("lessons[0].startsAt", equalTo(startsAt.toString()))
                .body("lessons[0].state", equalTo("room-ready"))
                .body("lessons[0].roomCode", equalTo(code));

        JsonObject sentToRooms = StubRooms.instance().requestFor(lessonId);
        assertThat(Instant.parse(sentToRooms.getString("startsAt"))).isEqualTo(startsAt);
        assertThat(Instant.parse(sentToRooms.getString("endsAt"))).isEqualTo(startsAt.plus(Duration.ofMinutes(30)));
        Document moved = mongo.getDatabase("scheduling").getCollection("outbox").find(Filters.and(
                Filters.eq("type", "academy.muse.lesson.scheduled.v1"), Filters.eq("subject", lessonId),
                Filters.regex("_id", ":" + (revision + 1) + "$"))).first();
        assertThat(moved).as("the move announced for the participants' mail").isNotNull();
        Document data = Document.parse(moved.getString("event")).get("data", Document.class);
        assertThat(data.getString("reason")).isEqualTo("my train is late");
        assertThat(Instant.parse(data.getString("startsAt"))).isEqualTo(startsAt);
    }

    @Test
    void whileRoomsCannotBeReachedALessonWithAnIssuedRoomIsNotMovedAtAll() {
        String lessonId = lessonWithIssuedRoom();
        Lesson before = Lessons.reload(lessonId);
        StubRooms.instance().failing();
        try {
            as(teacher).body(Map.of("start", Lessons.utcStartIn(Duration.ofMinutes(40)), "zone", "UTC"))
                    .when().patch("/lessons/" + lessonId).then().statusCode(503)
                    .contentType("application/problem+json")
                    .body("detail", containsString("was not moved"));
        } finally {
            StubRooms.instance().answering();
        }

        Lesson after = Lessons.reload(lessonId);
        assertThat(after.startsAt).isEqualTo(before.startsAt);
        assertThat(after.revision).isEqualTo(before.revision);
    }

    /** A 30-minute lesson five minutes from now whose room the issuer has issued. */
    private String lessonWithIssuedRoom() {
        StubRooms.instance().answering();
        String lessonId = Api.bookLesson(teacher, Api.lesson("Cello", "UTC", Lessons.utcStartIn(Duration.ofMinutes(5)), 30,
                studentId)).statusCode(201).extract().path("lessons[0].id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            issuer.issueDue();
            return Lessons.reload(lessonId).state == LessonState.ROOM_READY;
        });
        return lessonId;
    }

    /** Mondays 18:00 in Seoul from 2027-02-01; the teacher's own fresh series. */
    private List<String> bookMondays(int count) {
        return Api.bookSeries(teacher, Map.of("title", "Cello", "zone", "Asia/Seoul", "startDate", "2027-02-01",
                        "count", count, "time", "18:00", "weekdays", List.of("MONDAY"), "durationMinutes", 45,
                        "studentIds", List.of(studentId)))
                .statusCode(201).extract().jsonPath().getList("occurrences.id", String.class);
    }

    private List<String> occurrenceStarts(List<String> ids) {
        return ids.stream().map(id -> as(teacher).when().get("/lessons/" + id).then().statusCode(200)
                .extract().<String>path("startsAt")).toList();
    }

    private List<String> states(List<String> ids) {
        return ids.stream().map(id -> as(teacher).when().get("/lessons/" + id).then().statusCode(200)
                .extract().<String>path("state")).toList();
    }
}
