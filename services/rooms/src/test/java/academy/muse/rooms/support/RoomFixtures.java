package academy.muse.rooms.support;

import academy.muse.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Rooms made the way scheduling and teachers make them: through the HTTP API with real tokens. */
public final class RoomFixtures {

    public static final String SCHEDULING = TestTokens.service("scheduling");

    private RoomFixtures() {
    }

    public static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }

    public static Map<String, Object> participant(String accountId, String role) {
        return Map.of("accountId", accountId, "role", role, "displayName", "Name of " + accountId);
    }

    public static Map<String, Object> lesson(Instant startsAt, Duration length, List<Map<String, Object>> participants) {
        return Map.of("title", "Violin lesson", "startsAt", startsAt.toString(),
                "endsAt", startsAt.plus(length).toString(), "participants", participants);
    }

    public static ValidatableResponse putLesson(String occurrenceId, Object body) {
        return given().auth().oauth2(SCHEDULING).contentType(ContentType.JSON).body(body)
                .when().put("/internal/rooms/" + occurrenceId).then();
    }

    /** A lesson room with a teacher (host), a student and an observer; returns its code. */
    public static String lessonRoom(Instant startsAt, Duration length, String teacher, String student, String observer) {
        return putLesson(newId("occ"), lesson(startsAt, length, List.of(
                participant(teacher, "host"), participant(student, "participant"), participant(observer, "observer"))))
                .statusCode(201).extract().path("code");
    }

    /** A lesson that started five minutes ago and lasts 45 minutes: its room is open. */
    public static String openLessonRoom(String teacher, String student, String observer) {
        return lessonRoom(now().minus(Duration.ofMinutes(5)), Duration.ofMinutes(45), teacher, student, observer);
    }

    public static ValidatableResponse ticket(String token, String code) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.when().post("/" + code + "/tickets").then();
    }
}
