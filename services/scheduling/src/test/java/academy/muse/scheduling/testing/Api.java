package academy.muse.scheduling.testing;

import academy.muse.devstack.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** People with real tokens, and the calls they make to scheduling. */
public final class Api {

    private Api() {
    }

    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String teacher(String teacherId, String zone, String... studentIds) {
        return TestTokens.user(teacherId, "teacher", zone,
                new TestTokens.UserRelations(List.of(studentIds), List.of(), List.of()));
    }

    public static String student(String studentId, String zone, String... teacherIds) {
        return TestTokens.user(studentId, "student", zone,
                new TestTokens.UserRelations(List.of(), List.of(teacherIds), List.of()));
    }

    public static String observer(String observerId, String zone, String studentId) {
        return TestTokens.user(observerId, "observer", zone,
                new TestTokens.UserRelations(List.of(), List.of(), List.of(studentId)));
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    public static ValidatableResponse bookLesson(String token, Map<String, Object> body) {
        return as(token).body(body).when().post("/lessons").then();
    }

    public static ValidatableResponse bookSeries(String token, Map<String, Object> body) {
        return as(token).body(body).when().post("/series").then();
    }

    /** A single lesson body; {@code start} is local wall time in {@code zone}. */
    public static Map<String, Object> lesson(String title, String zone, String start, int minutes, String... students) {
        return Map.of("title", title, "zone", zone, "start", start, "durationMinutes", minutes,
                "studentIds", List.of(students));
    }
}
