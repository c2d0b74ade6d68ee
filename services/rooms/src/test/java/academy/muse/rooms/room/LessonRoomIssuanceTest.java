package academy.muse.rooms.room;

import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.OutboxRelay;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.support.RoomEventsProbe;
import academy.muse.rooms.support.RoomFixtures;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static academy.muse.rooms.support.RoomFixtures.lesson;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static academy.muse.rooms.support.RoomFixtures.participant;
import static academy.muse.rooms.support.RoomFixtures.putLesson;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class LessonRoomIssuanceTest {

    private static final String CODE_FORMAT = "[0-9a-hjkmnp-tv-z]{3}(-[0-9a-hjkmnp-tv-z]{3}){3}";

    @Inject
    RoomEventsProbe probe;
    @Inject
    OutboxRelay relay;

    private static Object tuesdayLesson(Instant startsAt) {
        return lesson(startsAt, Duration.ofMinutes(45),
                List.of(participant("teacher-ko", "host"), participant("student-sara", "participant")));
    }

    @Test
    void issuingTheSameLessonTwiceReturnsTheSameRoom() {
        String occurrence = newId("occ");
        Instant startsAt = now().plus(Duration.ofMinutes(8));

        String code = putLesson(occurrence, tuesdayLesson(startsAt)).statusCode(201)
                .body("code", matchesPattern(CODE_FORMAT))
                .body("opensAt", equalTo(startsAt.minus(Duration.ofMinutes(10)).toString()))
                .body("closesAt", equalTo(startsAt.plus(Duration.ofMinutes(45 + 15)).toString()))
                .body("state", equalTo("open"))
                .extract().path("code");

        putLesson(occurrence, tuesdayLesson(startsAt)).statusCode(200)
                .body("code", equalTo(code))
                .body("joinLink", equalTo("http://localhost:8080/r/" + code));
    }

    @Test
    void replicasIssuingTheSameLessonAtOnceGetOneRoom() throws Exception {
        String occurrence = newId("occ");
        Object lesson = tuesdayLesson(now().plus(Duration.ofMinutes(9)));
        ExecutorService replicas = Executors.newFixedThreadPool(6);
        try {
            List<Future<ExtractableResponse<Response>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(replicas.submit(() -> putLesson(occurrence, lesson).extract()));
            }
            Set<String> codes = new HashSet<>();
            int created = 0;
            for (Future<ExtractableResponse<Response>> answer : answers) {
                ExtractableResponse<Response> response = answer.get(60, TimeUnit.SECONDS);
                assertThat(response.statusCode()).isIn(200, 201);
                created += response.statusCode() == 201 ? 1 : 0;
                codes.add(response.path("code"));
            }
            assertThat(codes).hasSize(1);
            assertThat(created).isEqualTo(1);
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void aBatchOfLessonsGetsOneRoomEachInTheOrderAskedAndTheSameRoomsWhenAskedAgain() {
        Instant startsAt = now().plus(Duration.ofMinutes(8));
        String issuedBefore = newId("occ");
        String before = putLesson(issuedBefore, tuesdayLesson(startsAt)).statusCode(201).extract().path("code");
        List<String> occurrences = List.of(newId("occ"), issuedBefore, newId("occ"));
        List<Map<String, Object>> batch = occurrences.stream()
                .map(occurrence -> Map.of("occurrenceId", occurrence, "room", tuesdayLesson(startsAt))).toList();

        List<String> codes = putBatch(batch).statusCode(200)
                .body("occurrenceId", equalTo(occurrences))
                .body("[0].room.code", matchesPattern(CODE_FORMAT))
                .body("[1].room.code", equalTo(before))
                .body("[2].room.joinLink", matchesPattern("http://localhost:8080/r/" + CODE_FORMAT))
                .body("[2].room.state", equalTo("open"))
                .extract().path("room.code");

        assertThat(new HashSet<>(codes)).hasSize(3);
        putBatch(batch).statusCode(200).body("room.code", equalTo(codes));
        for (String code : codes) {
            await().atMost(Duration.ofSeconds(20)).until(() -> !probe.about(code, Events.ROOM_OPENED.type()).isEmpty());
            assertThat(probe.about(code, Events.ROOM_OPENED.type())).as("room.opened of %s", code).hasSize(1);
        }
    }

    @Test
    void aBatchWithOneInvalidLessonIsRefusedWholeAndStoresNothing() {
        Instant startsAt = now().plus(Duration.ofMinutes(8));
        String valid = newId("occ");
        Object backwards = lesson(startsAt, Duration.ofMinutes(-45), List.of(participant("teacher-ko", "host")));

        putBatch(List.of(Map.of("occurrenceId", valid, "room", tuesdayLesson(startsAt)),
                Map.of("occurrenceId", newId("occ"), "room", backwards))).statusCode(422);
        putBatch(List.of(Map.of("occurrenceId", valid, "room", tuesdayLesson(startsAt)),
                Map.of("occurrenceId", valid, "room", tuesdayLesson(startsAt)))).statusCode(422);
        putBatch(List.of(Map.of("occurrenceId", "not/an id", "room", tuesdayLesson(startsAt)))).statusCode(400);

        putLesson(valid, tuesdayLesson(startsAt)).statusCode(201);
    }

    private static ValidatableResponse putBatch(Object batch) {
        return given().auth().oauth2(RoomFixtures.SCHEDULING).contentType(ContentType.JSON).body(batch)
                .when().put("/internal/rooms").then();
    }

    @Test
    void everyLessonGetsItsOwnCodeThatCanBeReadAloud() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            codes.add(putLesson(newId("occ"), tuesdayLesson(now().plus(Duration.ofDays(1))))
                    .statusCode(201).body("code", matchesPattern(CODE_FORMAT)).extract().path("code"));
        }
        assertThat(codes).hasSize(20);
    }

    @Test
    void aRescheduledLessonKeepsItsCodeAndMovesItsWindow() {
        String occurrence = newId("occ");
        String code = putLesson(occurrence, tuesdayLesson(now().plus(Duration.ofDays(1)))).statusCode(201)
                .extract().path("code");
        Instant later = now().plus(Duration.ofDays(2));

        putLesson(occurrence, tuesdayLesson(later)).statusCode(200)
                .body("code", equalTo(code))
                .body("opensAt", equalTo(later.minus(Duration.ofMinutes(10)).toString()))
                .body("state", equalTo("scheduled"));
    }

    @Test
    void issuingARoomTellsOtherServicesOnceThroughTheBroker() {
        String occurrence = newId("occ");
        String code = putLesson(occurrence, tuesdayLesson(now().plus(Duration.ofHours(3)))).statusCode(201)
                .extract().path("code");
        putLesson(occurrence, tuesdayLesson(now().plus(Duration.ofHours(3)))).statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.about(code, Events.ROOM_OPENED.type()).isEmpty());
        relay.relayPending();
        var opened = probe.about(code, Events.ROOM_OPENED.type());
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).data().get("lessonOccurrenceId").asText()).isEqualTo(occurrence);
        assertThat(opened.get(0).data().get("participants")).hasSize(2);
    }

    @Test
    void onlyAnotherServiceMayIssueLessonRooms() {
        Object body = tuesdayLesson(now().plus(Duration.ofHours(1)));
        given().auth().oauth2(TestTokens.teacher("teacher-ko", "student-sara")).contentType(ContentType.JSON).body(body)
                .when().put("/internal/rooms/" + newId("occ")).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(body)
                .when().put("/internal/rooms/" + newId("occ")).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aLessonThatEndsBeforeItStartsIsRefusedAndNothingIsStored() {
        String occurrence = newId("occ");
        Instant startsAt = now().plus(Duration.ofHours(1));
        Map<String, Object> backwards = Map.of("title", "Backwards", "startsAt", startsAt.toString(),
                "endsAt", startsAt.minus(Duration.ofMinutes(5)).toString(),
                "participants", List.of(participant("teacher-ko", "host")));

        putLesson(occurrence, backwards).statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/invalid-times"));
        putLesson(occurrence, tuesdayLesson(startsAt)).statusCode(201);
    }

    @Test
    void malformedLessonRoomsAreRefusedWithTheFieldThatIsWrong() {
        Instant startsAt = now().plus(Duration.ofHours(1));
        putLesson(newId("occ"), Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plusSeconds(60).toString(),
                "participants", List.of(participant("teacher-ko", "conductor"))))
                .statusCode(400).contentType("application/problem+json");
        putLesson(newId("occ"), Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plusSeconds(60).toString(),
                "participants", List.of()))
                .statusCode(400).contentType("application/problem+json");
        putLesson(newId("occ"), Map.of("startsAt", startsAt.toString(), "endsAt", startsAt.plusSeconds(60).toString(),
                "participants", List.of(participant("teacher-ko", "host"), participant("teacher-ko", "participant"))))
                .statusCode(422).body("type", equalTo("https://muse.academy/problems/duplicate-participant"));
    }

    @Test
    void controlCharactersInATitleOrANameAreRefusedWith422AndNoRoomIsMade() {
        Instant startsAt = now().plus(Duration.ofHours(1));
        String occurrence = newId("occ");
        for (String bad : List.of("Violin\rBEGIN:VALARM", "two\nlines", "bidi\u202Eevil", "c1\u0085")) {
            putLesson(occurrence, Map.of("title", bad, "startsAt", startsAt.toString(),
                    "endsAt", startsAt.plusSeconds(60).toString(), "participants", List.of(participant("teacher-ko", "host"))))
                    .statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://muse.academy/problems/invalid-characters"));
            putLesson(occurrence, Map.of("title", "Violin", "startsAt", startsAt.toString(),
                    "endsAt", startsAt.plusSeconds(60).toString(), "participants", List.of(Map.of(
                            "accountId", "teacher-ko", "role", "host", "displayName", "Min-ji" + bad))))
                    .statusCode(422).body("type", equalTo("https://muse.academy/problems/invalid-characters"));
        }
        assertThat(Room.count("lessonOccurrenceId", occurrence)).isZero();
    }
}
