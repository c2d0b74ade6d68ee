package academy.muse.rooms.ticket;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static academy.muse.rooms.support.RoomFixtures.lesson;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static academy.muse.rooms.support.RoomFixtures.openLessonRoom;
import static academy.muse.rooms.support.RoomFixtures.participant;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

/** Each token works for its own purpose only: tickets for signaling, user tokens for users' endpoints, service tokens for /internal. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class TokenPurposeTest {

    @Test
    void aRoomTicketIsNotAUserToken() {
        String teacher = newId("teacher");
        String student = newId("student");
        String code = openLessonRoom(teacher, student, newId("observer"));
        String roomTicket = ticket(TestTokens.student(student, teacher), code).statusCode(200).extract().path("ticket");

        ticket(roomTicket, code).statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(roomTicket).when().get("/" + code).then().statusCode(401);
    }

    @Test
    void aServiceTokenIsNotAUserToken() {
        String teacher = newId("teacher");
        String code = openLessonRoom(teacher, newId("student"), newId("observer"));

        given().auth().oauth2(TestTokens.service("scheduling")).when().get("/" + code)
                .then().statusCode(403).contentType("application/problem+json");
        ticket(TestTokens.service("scheduling"), code).statusCode(403);
    }

    @Test
    void aUserTokenCannotCallInternalEndpoints() {
        putLessonAs(TestTokens.teacher(newId("teacher"))).statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theUserKeyCannotMintAServiceToken() {
        String claimsToBeAService = TestTokens.user(newId("mallory"), "service", "UTC",
                new TestTokens.UserRelations(List.of(), List.of(), List.of()));

        putLessonAs(claimsToBeAService).statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aServiceKeySpeaksOnlyForItsOwnService() {
        putLessonAs(TestTokens.serviceSignedBy("rooms", "scheduling")).statusCode(401);
        putLessonAs(TestTokens.serviceSignedBy("vod", "scheduling")).statusCode(401);
    }

    @Test
    void onlyTheServicesThatCallRoomsAreTrustedByIt() {
        putLessonAs(TestTokens.service("vod")).statusCode(401);
        putLessonAs(TestTokens.service("scheduling")).statusCode(anyOf(equalTo(201), equalTo(200)));
    }

    private static ValidatableResponse putLessonAs(String token) {
        String teacher = newId("teacher");
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(lesson(now().plus(Duration.ofHours(1)), Duration.ofMinutes(45),
                        List.of(participant(teacher, "host"), participant(newId("student"), "participant"))))
                .when().put("/internal/rooms/" + newId("occ")).then();
    }
}
