package academy.muse.rooms.ticket;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.support.SignalingTicketCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static academy.muse.rooms.support.RoomFixtures.lessonRoom;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static academy.muse.rooms.support.RoomFixtures.openLessonRoom;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** {@code POST /{code}/join}: the room, a ticket and ICE servers in one answer, refused as a ticket is. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomJoinTest {

    private static ValidatableResponse join(String token, String code) {
        return given().auth().oauth2(token).when().post("/" + code + "/join").then();
    }

    /** The teacher of a 45-minute lesson starting at {@code startsAt} asks to join: 409 with this problem type. */
    private static ValidatableResponse teachersJoinIsRefused(Instant startsAt, String problem) {
        String teacher = newId("teacher");
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, newId("student"), newId("observer"));
        return join(TestTokens.teacher(teacher), code).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/" + problem));
    }

    @Test
    void aParticipantGetsTheRoomAndATicketForItInOneAnswer() throws Exception {
        String teacher = newId("teacher");
        String student = newId("student");
        String code = openLessonRoom(teacher, student, newId("observer"));

        JsonPath answer = join(TestTokens.student(student, teacher), code).statusCode(200)
                .contentType("application/json")
                .body("room.code", equalTo(code))
                .body("room.state", equalTo("open"))
                .body("room.yourRole", equalTo("participant"))
                .body("room.participants.size()", equalTo(3))
                .body("ticket.participantId", equalTo(student))
                .body("ticket.role", equalTo("participant"))
                .body("ticket.signalingUrl", equalTo("/ws/rooms/" + code))
                .body("ticket.iceServers[0].credential", not(emptyString()))
                .extract().jsonPath();

        assertThat(SignalingTicketCheck.admits(answer.getString("ticket.ticket"), code)).isTrue();
        assertThat(SignalingTicketCheck.verify(answer.getString("ticket.ticket")).getSubject()).isEqualTo(student);
    }

    @Test
    void theRoomIsSeenInTheCallersOwnRoleAsTheOldEndpointsStillShowIt() {
        String teacher = newId("teacher");
        String observer = newId("observer");
        String student = newId("student");
        String code = openLessonRoom(teacher, student, observer);
        String token = TestTokens.observer(observer, student);

        JsonPath joined = join(token, code).statusCode(200).extract().jsonPath();
        JsonPath viewed = given().auth().oauth2(token).when().get("/" + code).then().statusCode(200).extract().jsonPath();
        JsonPath ticketed = ticket(token, code).statusCode(200).extract().jsonPath();

        assertThat(joined.getString("room.yourRole")).isEqualTo("observer").isEqualTo(viewed.getString("yourRole"));
        assertThat(joined.getString("ticket.role")).isEqualTo("observer").isEqualTo(ticketed.getString("role"));
        assertThat(joined.getString("room.closesAt")).isEqualTo(viewed.getString("closesAt"));
        assertThat(joined.getString("ticket.ticket")).isNotEqualTo(ticketed.getString("ticket"));
    }

    @Test
    void toSomeoneOutsideTheRoomItDoesNotExist() {
        String teacher = newId("teacher");
        String student = newId("student");
        String code = openLessonRoom(teacher, student, newId("observer"));

        join(TestTokens.student(newId("student"), teacher), code).statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/not-found"))
                .body("detail", equalTo("Room " + code + " was not found"));
    }

    @Test
    void beforeTheRoomOpensTheRefusalSaysWhenToAskAgain() {
        teachersJoinIsRefused(now().plus(Duration.ofHours(2)), "room-not-open-yet")
                .header("Retry-After", not(emptyString()));
    }

    @Test
    void afterTheRoomClosedNobodyJoins() {
        teachersJoinIsRefused(now().minus(Duration.ofHours(3)), "room-closed");
    }

    @Test
    void withoutATokenNobodyJoins() {
        given().when().post("/k7m-2qd-x9a-4hb/join").then().statusCode(401);
    }
}
