package academy.muse.rooms.ticket;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.support.SignalingTicketCheck;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static academy.muse.rooms.support.RoomFixtures.lessonRoom;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static academy.muse.rooms.support.RoomFixtures.openLessonRoom;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomTicketTest {

    @Inject
    TicketSigner signer;

    @Test
    void aParticipantOfAnOpenRoomGetsATicketForThatRoomAndTheirRole() throws Exception {
        String teacher = newId("teacher");
        String student = newId("student");
        String code = openLessonRoom(teacher, student, newId("observer"));

        JsonPath answer = ticket(TestTokens.student(student, teacher), code).statusCode(200)
                .body("signalingUrl", equalTo("/ws/rooms/" + code))
                .body("participantId", equalTo(student))
                .body("role", equalTo("participant"))
                .body("serverTime", notNullValue())
                .extract().jsonPath();

        JsonWebToken ticket = SignalingTicketCheck.verify(answer.getString("ticket"));
        assertThat(ticket.getSubject()).isEqualTo(student);
        assertThat(ticket.<String>getClaim("room")).isEqualTo(code);
        assertThat(ticket.<String>getClaim("role")).isEqualTo("participant");
        assertThat(ticket.<String>getClaim("name")).isEqualTo("Name of " + student);
        assertThat(ticket.getAudience()).containsExactly("signaling");
        assertThat(ticket.getExpirationTime() - ticket.getIssuedAtTime()).isEqualTo(60);
        assertThat(Instant.parse(answer.getString("expiresAt")).getEpochSecond()).isEqualTo(ticket.getExpirationTime());
        String header = new String(Base64.getUrlDecoder().decode(answer.getString("ticket").split("\\.")[0]),
                StandardCharsets.UTF_8);
        assertThat(header).contains("\"kid\":\"muse-ticket\"").contains("\"alg\":\"RS256\"");
    }

    @Test
    void aTicketForOneRoomDoesNotOpenAnother() {
        String teacher = newId("teacher");
        String student = newId("student");
        String roomA = openLessonRoom(teacher, student, newId("observer"));
        String roomB = openLessonRoom(teacher, student, newId("observer"));
        String token = TestTokens.student(student, teacher);

        String ticketA = ticket(token, roomA).statusCode(200).extract().path("ticket");

        assertThat(SignalingTicketCheck.admits(ticketA, roomA)).isTrue();
        assertThat(SignalingTicketCheck.admits(ticketA, roomB)).isFalse();
    }

    @Test
    void anExpiredTicketIsRefused() {
        Instant twoMinutesAgo = Instant.now().minus(Duration.ofMinutes(2));
        String expired = signer.sign("k7m-2qd-x9a-4hb", "student-sara", "participant", "Sara",
                twoMinutesAgo, twoMinutesAgo.plusSeconds(60));

        assertThatThrownBy(() -> SignalingTicketCheck.verify(expired)).isInstanceOf(ParseException.class);
        assertThat(SignalingTicketCheck.admits(expired, "k7m-2qd-x9a-4hb")).isFalse();
    }

    @Test
    void anAccessTokenIsNoTicket() {
        assertThat(SignalingTicketCheck.admits(TestTokens.student("student-sara"), "k7m-2qd-x9a-4hb")).isFalse();
    }

    @Test
    void theTicketCarriesTurnCredentialsThatLastUntilTheLatestTheRoomCanCloseWhenExtended() throws Exception {
        String teacher = newId("teacher");
        String code = openLessonRoom(teacher, newId("student"), newId("observer"));
        JsonPath room = given().auth().oauth2(TestTokens.teacher(teacher)).when().get("/" + code)
                .then().statusCode(200).extract().jsonPath();

        JsonPath answer = ticket(TestTokens.teacher(teacher), code).statusCode(200)
                .body("role", equalTo("host")).extract().jsonPath();

        assertThat(answer.getList("iceServers")).hasSize(1);
        assertThat(answer.getList("iceServers[0].urls", String.class)).containsExactly(
                "turn:localhost:3478?transport=udp", "turn:localhost:3478?transport=tcp", "turns:localhost:443?transport=tcp");
        String username = answer.getString("iceServers[0].username");
        // Booked end, 15 minutes' grace, and the 60 minutes the teacher may extend it by: no new credentials needed.
        long latestClose = Instant.parse(room.getString("endsAt")).plus(Duration.ofMinutes(75)).getEpochSecond();
        assertThat(username).isEqualTo(latestClose + ":" + teacher);
        String secret = Files.readString(TestKeys.directory().resolve("turn-secret")).trim();
        assertThat(answer.getString("iceServers[0].credential")).isEqualTo(TurnCredentials.password(secret, username));
    }

    @Test
    void beforeTheRoomOpensTheAnswerSaysWhenItWill() {
        String teacher = newId("teacher");
        Instant startsAt = now().plus(Duration.ofHours(2));
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, newId("student"), newId("observer"));

        ticket(TestTokens.teacher(teacher), code).statusCode(409)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://muse.academy/problems/room-not-open-yet"))
                .body("detail", containsString(startsAt.minus(Duration.ofMinutes(10)).toString()));
    }

    @Test
    void afterTheRoomClosedNoTicketIsIssued() {
        String teacher = newId("teacher");
        String code = lessonRoom(now().minus(Duration.ofHours(3)), Duration.ofMinutes(45), teacher,
                newId("student"), newId("observer"));

        ticket(TestTokens.teacher(teacher), code).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/room-closed"));
        given().auth().oauth2(TestTokens.teacher(teacher)).when().get("/" + code)
                .then().statusCode(200).body("state", equalTo("closed"));
    }

    @Test
    void credentialsAreNeverWrittenIntoTheTicketsOwnDescription() {
        List<IceServer> servers = List.of(new IceServer(List.of("turn:localhost:3478"), "1:someone", "c2VjcmV0"));
        assertThat(servers.toString()).doesNotContain("c2VjcmV0").doesNotContain("1:someone");
    }
}
