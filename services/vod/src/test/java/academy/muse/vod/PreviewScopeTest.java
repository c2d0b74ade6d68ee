package academy.muse.vod;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * A teacher's preview video is for the students it is scoped to and their observers only; its owner renames,
 * rescopes and deletes it, and a deleted one is gone for everybody at once.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class PreviewScopeTest {

    private static final String LINA = "student-lina";
    private static final String OMAR = "student-omar";

    @Inject
    TestRecordings recordings;
    @Inject
    Assets assets;

    /** Each test has a teacher of its own, so one test's previews never show in another's lists. */
    private final String teacherId = "teacher-" + UUID.randomUUID();

    private String teacher() {
        return TestTokens.teacher(teacherId, LINA, OMAR);
    }

    private String student(String studentId) {
        return TestTokens.student(studentId, teacherId);
    }

    private Asset previewFor(String... studentIds) {
        return recordings.announced(recordings.material(teacherId,
                new MaterialScope(MaterialScope.STUDENTS, null, null, List.of(studentIds))));
    }

    private static void change(String bearer, String assetId, Map<String, Object> change, int status) {
        given().auth().oauth2(bearer).contentType(ContentType.JSON).body(change)
                .patch("/assets/{id}", assetId).then().statusCode(status);
    }

    @Test
    void aStudentInScopeSeesThePreviewAndAStudentOutsideItGetsNotFound() {
        Asset preview = previewFor(LINA);
        given().auth().oauth2(student(LINA)).get("/assets/{id}", preview.id()).then().statusCode(200)
                .body("title", equalTo("Bowing exercise")).body("scope", nullValue());
        given().auth().oauth2(student(LINA)).get("/assets").then().body("id", hasItem(preview.id()));

        given().auth().oauth2(student(OMAR)).get("/assets/{id}", preview.id())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(student(OMAR)).post("/assets/{id}/playback", preview.id())
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(student(OMAR)).get("/assets").then().statusCode(200).body("id", not(hasItem(preview.id())));
    }

    @Test
    void anObserverOfAStudentInScopeSeesThePreviewAndOtherObserversDoNot() {
        Asset preview = previewFor(LINA);
        given().auth().oauth2(TestTokens.observer("observer-linas-father", LINA)).get("/assets/{id}", preview.id())
                .then().statusCode(200);
        given().auth().oauth2(TestTokens.observer("observer-linas-father", LINA)).get("/assets")
                .then().body("id", hasItem(preview.id()));
        given().auth().oauth2(TestTokens.observer("observer-omars-mother", OMAR)).get("/assets/{id}", preview.id())
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.observer("observer-omars-mother", OMAR)).get("/assets")
                .then().body("id", not(hasItem(preview.id())));
    }

    @Test
    void aPreviewWithoutAScopeIsForEveryStudentOfItsTeacherButNoOtherTeachersStudent() {
        Asset preview = recordings.announced(recordings.material(teacherId));
        given().auth().oauth2(student(OMAR)).get("/assets/{id}", preview.id()).then().statusCode(200);
        given().auth().oauth2(TestTokens.student("student-elsewhere", "teacher-other")).get("/assets/{id}", preview.id())
                .then().statusCode(404);
    }

    @Test
    void theOwnerRescopesAPreviewToASeriesThenToALessonWhichListsItAndBackToAllTheirStudents() {
        Asset preview = previewFor(LINA);
        Map<String, Object> series = Map.of("scope", Map.of("kind", "series", "seriesId", "series-tuesdays",
                "studentIds", List.of(OMAR)));
        given().auth().oauth2(teacher()).contentType(ContentType.JSON).body(series).patch("/assets/{id}", preview.id())
                .then().statusCode(200).body("scope.kind", equalTo("series"))
                .body("scope.seriesId", equalTo("series-tuesdays")).body("scope.studentIds", equalTo(List.of(OMAR)));
        given().auth().oauth2(student(LINA)).get("/assets/{id}", preview.id()).then().statusCode(404);
        given().auth().oauth2(student(OMAR)).get("/assets/{id}", preview.id()).then().statusCode(200);

        Map<String, Object> lesson = Map.of("scope", Map.of("kind", "lesson", "lessonOccurrenceId", "lesson-tue-2",
                "studentIds", List.of(LINA)));
        change(teacher(), preview.id(), lesson, 200);
        given().auth().oauth2(student(LINA)).get("/assets?lesson=lesson-tue-2").then().body("id", hasItem(preview.id()));
        given().auth().oauth2(student(OMAR)).get("/assets?lesson=lesson-tue-2").then().body("id", not(hasItem(preview.id())));

        change(teacher(), preview.id(), Map.of("scope", Map.of("kind", "all")), 200);
        given().auth().oauth2(student(LINA)).get("/assets/{id}", preview.id()).then().statusCode(200);
        assertThat(assets.find(preview.id()).orElseThrow().scope()).isNull();
    }

    @Test
    void aScopeNamingSomeoneWhoIsNotTheOwnersStudentIsRefusedAndChangesNothing() {
        Asset preview = previewFor(LINA);
        given().auth().oauth2(teacher()).contentType(ContentType.JSON)
                .body(Map.of("title", "New title", "scope", Map.of("kind", "students", "studentIds", List.of("student-stranger"))))
                .patch("/assets/{id}", preview.id())
                .then().statusCode(422).contentType("application/problem+json").body("type", containsString("invalid-scope"));
        change(teacher(), preview.id(), Map.of("scope", Map.of("kind", "lesson", "studentIds", List.of(LINA))), 422);
        change(teacher(), preview.id(), Map.of("scope", Map.of("kind", "everyone")), 422);
        Asset stored = assets.find(preview.id()).orElseThrow();
        assertThat(stored.title()).isEqualTo("Bowing exercise");
        assertThat(stored.scope().studentIds()).containsExactly(LINA);
    }

    @Test
    void theOwnerRenamesAPreviewAndTitlesThatAreNotPlainTextAreRefused() {
        Asset preview = previewFor(LINA);
        given().auth().oauth2(teacher()).contentType(ContentType.JSON).body(Map.of("title", "Bowing, slow then fast"))
                .patch("/assets/{id}", preview.id()).then().statusCode(200).body("title", equalTo("Bowing, slow then fast"));
        given().auth().oauth2(student(LINA)).get("/assets/{id}", preview.id()).then().body("title", equalTo("Bowing, slow then fast"));

        given().auth().oauth2(teacher()).contentType(ContentType.JSON).body(Map.of("title", "Bowing\u202Eevil"))
                .patch("/assets/{id}", preview.id())
                .then().statusCode(422).contentType("application/problem+json").body("type", containsString("invalid-characters"));
        change(teacher(), preview.id(), Map.of("title", "line\nbreak"), 422);
        for (String bad : new String[]{"", "   ", "x".repeat(201)}) {
            given().auth().oauth2(teacher()).contentType(ContentType.JSON).body(Map.of("title", bad))
                    .patch("/assets/{id}", preview.id()).then().statusCode(400).contentType("application/problem+json")
                    .body("type", containsString("validation"));
        }
        given().auth().oauth2(teacher()).contentType(ContentType.JSON).body("{\"title\":")
                .patch("/assets/{id}", preview.id()).then().statusCode(400).contentType("application/problem+json");
        assertThat(assets.find(preview.id()).orElseThrow().title()).isEqualTo("Bowing, slow then fast");
    }

    @Test
    void onlyTheOwnerRenamesOrDeletesAPreview() {
        Asset preview = previewFor(LINA);
        change(student(LINA), preview.id(), Map.of("title", "Mine now"), 403);
        given().auth().oauth2(student(LINA)).delete("/assets/{id}", preview.id()).then().statusCode(403);
        given().auth().oauth2(TestTokens.teacher("teacher-other", LINA)).delete("/assets/{id}", preview.id())
                .then().statusCode(404);
        assertThat(assets.find(preview.id()).orElseThrow().isDeleted()).isFalse();
    }

    @Test
    void aDeletedPreviewIsGoneAtOnceForItsViewersAndItsMediaUrlsAnswerNotFound() {
        Asset preview = recordings.packaged(recordings.material(teacherId,
                new MaterialScope(MaterialScope.STUDENTS, null, null, List.of(LINA))));
        String hls = given().auth().oauth2(student(LINA)).post("/assets/{id}/playback", preview.id())
                .then().statusCode(200).extract().path("hls");
        given().get(hls).then().statusCode(200);

        given().auth().oauth2(teacher()).delete("/assets/{id}", preview.id()).then().statusCode(204);

        given().get(hls).then().statusCode(404).contentType("application/problem+json");
        given().get(hls.replace("master.m3u8", "chunk-stream0-00001.m4s")).then().statusCode(404);
        given().auth().oauth2(student(LINA)).get("/assets/{id}", preview.id()).then().statusCode(404);
        given().auth().oauth2(student(LINA)).post("/assets/{id}/playback", preview.id()).then().statusCode(404);
        given().auth().oauth2(student(LINA)).get("/assets").then().body("id", not(hasItem(preview.id())));
        given().auth().oauth2(teacher()).get("/assets").then().body("id", not(hasItem(preview.id())));
        // Deleting again is idempotent (docs/storage.md) and keeps the first deletion's time.
        given().auth().oauth2(teacher()).delete("/assets/{id}", preview.id()).then().statusCode(204);
        change(teacher(), preview.id(), Map.of("title", "Back again"), 404);
        assertThat(assets.find(preview.id()).orElseThrow().deletedAt()).isNotNull();
    }
}
