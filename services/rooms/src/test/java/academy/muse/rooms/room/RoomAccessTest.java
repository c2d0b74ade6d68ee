package academy.muse.rooms.room;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.accounts.ObserverInvitation;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.openLessonRoom;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Who may see a room and get a ticket for it, with real tokens for every kind of caller. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomAccessTest {

    @Inject
    EventPublisher publisher;

    private final String teacher = newId("teacher");
    private final String student = newId("student");
    private final String observer = newId("observer");

    private static ValidatableResponse createInstant(String token, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/instant").then();
    }

    private static void isNotFoundForThisCode(ValidatableResponse response, String code) {
        response.statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/not-found"))
                .body("title", equalTo("Not found"))
                .body("detail", equalTo("Room " + code + " was not found"));
    }

    @Test
    void hostParticipantAndObserverOfALessonEachJoinInTheirOwnRole() {
        String code = openLessonRoom(teacher, student, observer);

        ticket(TestTokens.teacher(teacher, student), code).statusCode(200).body("role", equalTo("host"));
        ticket(TestTokens.student(student, teacher), code).statusCode(200).body("role", equalTo("participant"));
        ticket(TestTokens.observer(observer, student), code).statusCode(200).body("role", equalTo("observer"));
        given().auth().oauth2(TestTokens.observer(observer, student)).when().get("/" + code)
                .then().statusCode(200).body("yourRole", equalTo("observer")).body("participants.size()", equalTo(3));
    }

    @Test
    void toSomeoneOutsideTheRoomAnExistingRoomLooksExactlyLikeAMissingOne() {
        String code = openLessonRoom(teacher, student, observer);
        String missing = "zzz-zzz-zzz-zzz";
        String otherTeacher = TestTokens.teacher(newId("teacher"), student);
        String otherStudent = TestTokens.student(newId("student"), teacher);

        // A service token never gets this far: rooms trusts no service key but scheduling's, and that one only on /internal.
        for (String stranger : List.of(otherTeacher, otherStudent)) {
            isNotFoundForThisCode(ticket(stranger, code), code);
            isNotFoundForThisCode(ticket(stranger, missing), missing);
            isNotFoundForThisCode(given().auth().oauth2(stranger).when().get("/" + code).then(), code);
            isNotFoundForThisCode(given().auth().oauth2(stranger).when().get("/" + missing).then(), missing);
        }
    }

    @Test
    void withoutAValidTokenNobodyLearnsAnything() {
        String code = openLessonRoom(teacher, student, observer);

        ticket(null, code).statusCode(401).contentType("application/problem+json");
        ticket(TestTokens.expiredUser(student, "student"), code).statusCode(401);
        given().when().get("/" + code).then().statusCode(401);
        given().when().get("/zzz-zzz-zzz-zzz").then().statusCode(401);
    }

    @Test
    void aCodeTypedInCapitalsFindsTheRoom() {
        String code = openLessonRoom(teacher, student, observer);

        ticket(TestTokens.student(student, teacher), code.toUpperCase()).statusCode(200)
                .body("signalingUrl", equalTo("/ws/rooms/" + code));
    }

    @Test
    void onlyTeachersCreateInstantRooms() {
        createInstant(TestTokens.student(student, teacher), Map.of()).statusCode(403).contentType("application/problem+json");
        createInstant(TestTokens.observer(observer, student), Map.of()).statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of()).when().post("/instant").then().statusCode(401);
    }

    @Test
    void aTeachersInstantRoomWithChosenStudentsLetsInThoseStudentsAndTheirObservers() {
        String otherStudent = newId("student");
        String teacherToken = TestTokens.teacher(teacher, student, otherStudent);

        String code = createInstant(teacherToken, Map.of("title", "Quartet rehearsal", "studentIds", List.of(student)))
                .statusCode(201)
                .body("joinLink", startsWith("http://localhost:8080/r/"))
                .body("state", equalTo("open"))
                .body("yourRole", equalTo("host"))
                .body("title", equalTo("Quartet rehearsal"))
                .extract().path("code");

        invited(observer, student, teacher);
        ticket(teacherToken, code).statusCode(200).body("role", equalTo("host"));
        ticket(TestTokens.student(student, teacher), code).statusCode(200).body("role", equalTo("participant"));
        ticket(TestTokens.observer(observer, student), code).statusCode(200).body("role", equalTo("observer"));
        isNotFoundForThisCode(ticket(TestTokens.student(otherStudent, teacher), code), code);
        isNotFoundForThisCode(ticket(TestTokens.observer(newId("observer"), otherStudent), code), code);
    }

    @Test
    void anInstantRoomWithoutAListIsOpenToAllOfTheTeachersStudents() {
        String secondStudent = newId("student");
        String code = createInstant(TestTokens.teacher(teacher, student, secondStudent), Map.of("durationMinutes", 30))
                .statusCode(201).extract().path("code");

        ticket(TestTokens.student(student, teacher), code).statusCode(200).body("role", equalTo("participant"));
        ticket(TestTokens.student(secondStudent, teacher), code).statusCode(200).body("role", equalTo("participant"));
        invited(observer, secondStudent, teacher);
        ticket(TestTokens.observer(observer, secondStudent), code).statusCode(200).body("role", equalTo("observer"));
        isNotFoundForThisCode(ticket(TestTokens.student(newId("student")), code), code);
    }

    @Test
    void anObserverInvitedByAnotherTeacherOfTheStudentHasNoSeatInThisTeachersInstantRoom() {
        String otherTeacher = newId("other-teacher");
        invited(observer, student, otherTeacher);
        String code = createInstant(TestTokens.teacher(teacher, student), Map.of("studentIds", List.of(student)))
                .statusCode(201).extract().path("code");

        isNotFoundForThisCode(ticket(TestTokens.observer(observer, student), code), code);
        given().auth().oauth2(TestTokens.observer(observer, student)).when().get("/" + code).then().statusCode(404);
    }

    /** The gateway's account.relation-added for this invitation, through the broker, until rooms has it. */
    private void invited(String observerId, String studentId, String teacherId) {
        publisher.publish(Events.ACCOUNT_RELATION_ADDED, observerId,
                new AccountEvents.RelationChanged(teacherId, observerId, "observer", studentId));
        await().atMost(Duration.ofSeconds(20)).until(() -> ObserverInvitation.count("observerId = ?1 and teacherId = ?2",
                observerId, teacherId) > 0);
    }

    @Test
    void anInstantRoomTitleWithControlCharactersIsRefusedWith422() {
        String teacherToken = TestTokens.teacher(teacher, student);
        long before = Room.count();
        for (String bad : List.of("Quartet\rBEGIN:VALARM", "tab\there", "del\u007f", "line\u2028sep")) {
            createInstant(teacherToken, Map.of("title", bad)).statusCode(422).contentType("application/problem+json")
                    .body("type", equalTo("https://muse.academy/problems/invalid-characters"));
        }
        assertThat(Room.count()).isEqualTo(before);
    }

    @Test
    void aTeacherCannotInviteSomeoneElsesStudent() {
        createInstant(TestTokens.teacher(teacher, student), Map.of("studentIds", List.of(student, "student-of-another")))
                .statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/not-your-student"))
                .body("detail", containsString("student-of-another"));
    }

    @Test
    void anInstantRoomLastsNoLongerThanAllowed() {
        createInstant(TestTokens.teacher(teacher, student), Map.of("durationMinutes", 600))
                .statusCode(422).body("type", equalTo("https://muse.academy/problems/too-long"));
        createInstant(TestTokens.teacher(teacher, student), Map.of("durationMinutes", 1))
                .statusCode(400);
    }
}
