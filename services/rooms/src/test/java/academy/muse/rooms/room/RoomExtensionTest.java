package academy.muse.rooms.room;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.Events;
import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.attendance.RoomCloser;
import academy.muse.rooms.support.RoomEventsProbe;
import academy.muse.rooms.ticket.Tickets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static academy.muse.rooms.support.RoomFixtures.lessonRoom;
import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.now;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** A lesson running over: the teacher extends the room, and it stays open, joinable and recorded until then. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomExtensionTest {

    private static final Duration GRACE = Duration.ofMinutes(15);

    @Inject
    RoomCloser closer;
    @Inject
    Tickets tickets;
    @Inject
    RoomEventsProbe probe;

    private final String teacher = newId("teacher");
    private final String student = newId("student");
    private final String observer = newId("observer");

    /** A 45-minute lesson that ended ten minutes ago: its room is open for five more minutes of grace. */
    private Instant endedTenMinutesAgo() {
        return now().minus(Duration.ofMinutes(55));
    }

    @BeforeEach
    void theBrokerIsUpForRoomClosedToBeRead() {
        BrokerTestResource.startBroker();
    }

    private static ValidatableResponse extend(String token, String code) {
        return given().auth().oauth2(token).when().post("/" + code + "/extensions").then();
    }

    private static Instant closesAt(String token, String code) {
        return Instant.parse(given().auth().oauth2(token).when().get("/" + code).then().statusCode(200)
                .extract().path("closesAt"));
    }

    @Test
    void theTeacherKeepsAnOverrunningRoomOpenFifteenMinutesLongerWithEachExtension() {
        Instant startsAt = endedTenMinutesAgo();
        Instant endsAt = startsAt.plus(Duration.ofMinutes(45));
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, student, observer);

        extend(TestTokens.teacher(teacher), code).statusCode(200)
                .body("state", equalTo("open"))
                .body("endsAt", equalTo(endsAt.toString()))
                .body("closesAt", equalTo(endsAt.plus(GRACE).plus(Duration.ofMinutes(15)).toString()))
                .body("extension.minutes", equalTo(15))
                .body("extension.stepMinutes", equalTo(15))
                .body("extension.maxMinutes", equalTo(60));
        extend(TestTokens.teacher(teacher), code).statusCode(200).body("extension.minutes", equalTo(30));

        assertThat(closesAt(TestTokens.student(student, teacher), code))
                .isEqualTo(endsAt.plus(GRACE).plus(Duration.ofMinutes(30)));
    }

    @Test
    void anExtendedRoomStaysOpenPastItsOldClosingTimeAndClosesAtTheNewOne() {
        Instant startsAt = endedTenMinutesAgo();
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, student, observer);
        Instant oldClose = startsAt.plus(Duration.ofMinutes(45)).plus(GRACE);
        extend(TestTokens.teacher(teacher), code).statusCode(200);

        assertThat(closer.closeDue(oldClose.plus(Duration.ofMinutes(1)))).doesNotContain(code);
        Caller sara = new Caller(student, Set.of(Roles.STUDENT), "Sara", "Asia/Dubai", List.of(), List.of(teacher), List.of());
        assertThat(tickets.issue(code, sara, oldClose.plus(Duration.ofMinutes(10))).role()).isEqualTo("participant");

        Instant newClose = oldClose.plus(Duration.ofMinutes(15));
        assertThat(closer.closeDue(newClose)).contains(code);
        await().atMost(Duration.ofSeconds(20)).until(() -> !probe.about(code, Events.ROOM_CLOSED.type()).isEmpty());
        CloudEvent closed = probe.about(code, Events.ROOM_CLOSED.type()).get(0);
        assertThat(closed.data().get("closedAt").asText()).isEqualTo(newClose.toString());
        assertThat(closed.data().get("reason").asText()).isEqualTo("ended");
    }

    @Test
    void extendingBeyondAnHourPastTheBookedEndIsRefusedAndLeavesTheRoomAsItWas() {
        Instant startsAt = endedTenMinutesAgo();
        String code = lessonRoom(startsAt, Duration.ofMinutes(45), teacher, student, observer);
        for (int minutes = 15; minutes <= 60; minutes += 15) {
            extend(TestTokens.teacher(teacher), code).statusCode(200).body("extension.minutes", equalTo(minutes));
        }

        extend(TestTokens.teacher(teacher), code).statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/extension-limit"))
                .body("detail", containsString("at most 60 minutes beyond the lesson's booked end"));

        assertThat(closesAt(TestTokens.teacher(teacher), code))
                .isEqualTo(startsAt.plus(Duration.ofMinutes(45)).plus(GRACE).plus(Duration.ofMinutes(60)));
    }

    @Test
    void onlyTheTeacherMayExtendTheRoom() {
        String code = lessonRoom(endedTenMinutesAgo(), Duration.ofMinutes(45), teacher, student, observer);
        Instant before = closesAt(TestTokens.teacher(teacher), code);

        extend(TestTokens.student(student, teacher), code).statusCode(403).contentType("application/problem+json");
        extend(TestTokens.observer(observer, student), code).statusCode(403);
        extend(TestTokens.teacher(newId("other-teacher")), code).statusCode(404);

        assertThat(closesAt(TestTokens.teacher(teacher), code)).isEqualTo(before);
    }

    @Test
    void aRoomThatHasClosedCannotBeExtended() {
        String code = lessonRoom(now().minus(Duration.ofHours(3)), Duration.ofMinutes(45), teacher, student, observer);

        extend(TestTokens.teacher(teacher), code).statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/room-not-open"));
    }
}
