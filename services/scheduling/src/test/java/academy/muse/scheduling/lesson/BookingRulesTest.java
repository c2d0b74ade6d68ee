package academy.muse.scheduling.lesson;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.series.Series;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.StubRoomsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static academy.muse.scheduling.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** Bad bookings get problem+json and store nothing; a teacher cannot double-book; students may only be warned. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class BookingRulesTest {

    private static final String TEACHER_ID = Api.id("teacher");
    private static final List<String> STUDENTS = List.of("s1", "s2", "s3", "s4", "s5", "s6", "s7").stream()
            .map(name -> TEACHER_ID + "-" + name).toList();
    private static final String TEACHER = Api.teacher(TEACHER_ID, "Asia/Seoul", STUDENTS.toArray(String[]::new));

    static Stream<Arguments> badSeries() {
        return Stream.of(
                Arguments.of("an unknown zone", Map.of("zone", "Mars/Olympus_Mons"), 422, "unknown-zone"),
                Arguments.of("an end before the start", Map.of("endDate", "2027-01-01"), 422, "end-before-start"),
                Arguments.of("a zero duration", Map.of("durationMinutes", 0), 400, "validation"),
                Arguments.of("an absurd duration", Map.of("durationMinutes", 100_000), 422, "invalid-duration"),
                Arguments.of("seven students", Map.of("studentIds", STUDENTS), 422, "too-many-participants"),
                Arguments.of("someone else's student", Map.of("studentIds", List.of("stranger")), 422, "not-your-student"),
                Arguments.of("no weekday between start and end",
                        Map.of("startDate", "2027-02-02", "endDate", "2027-02-03", "weekdays", List.of("FRIDAY")),
                        422, "no-occurrences"),
                Arguments.of("a series that ended long ago",
                        Map.of("startDate", "2020-02-04", "endDate", "2020-03-03"), 422, "no-occurrences"),
                Arguments.of("no end at all", Map.of("endDate", ""), 422, "series-end-missing"),
                Arguments.of("an end ten years out", Map.of("endDate", "2037-02-01"), 422, "series-too-long"),
                Arguments.of("an unknown weekday", Map.of("weekdays", List.of("FUNDAY")), 400, "malformed-json"));
    }

    @ParameterizedTest(name = "a series with {0} is refused")
    @MethodSource("badSeries")
    void aBadSeriesIsRefusedWithProblemJsonAndNothingIsStored(String what, Map<String, Object> change, int status,
                                                              String problem) {
        long lessonsBefore = Lesson.count();
        long seriesBefore = Series.count();
        Map<String, Object> body = new HashMap<>(Map.of("title", "Cello", "zone", "Asia/Seoul",
                "startDate", "2027-02-02", "endDate", "2027-03-02", "time", "18:00", "weekdays", List.of("TUESDAY"),
                "durationMinutes", 45, "studentIds", List.of(STUDENTS.get(0))));
        body.putAll(change);
        body.values().removeIf(""::equals);

        Api.bookSeries(TEACHER, body)
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/" + problem));

        assertThat(Lesson.count()).isEqualTo(lessonsBefore);
        assertThat(Series.count()).isEqualTo(seriesBefore);
    }

    @Test
    void aSingleLessonInThePastOrWithAnUnknownZoneIsRefused() {
        long before = Lesson.count();
        Api.bookLesson(TEACHER, Api.lesson("Piano", "Asia/Seoul", "2020-01-01T10:00", 45, STUDENTS.get(0)))
                .statusCode(422).body("type", containsString("start-in-the-past"));
        Api.bookLesson(TEACHER, Api.lesson("Piano", "Not/AZone", "2027-01-01T10:00", 45, STUDENTS.get(0)))
                .statusCode(422).body("type", containsString("unknown-zone"));
        Api.bookLesson(TEACHER, Api.lesson("Piano", "Asia/Seoul", "first of May", 45, STUDENTS.get(0)))
                .statusCode(400).contentType("application/problem+json");
        assertThat(Lesson.count()).isEqualTo(before);
    }

    @Test
    void onlyATeacherBooksLessons() {
        String studentId = STUDENTS.get(0);
        Api.bookLesson(Api.student(studentId, "Asia/Dubai", TEACHER_ID),
                        Api.lesson("Piano", "Asia/Seoul", "2027-04-01T10:00", 45, studentId))
                .statusCode(403).contentType("application/problem+json");
        Api.as("not-a-token").body(Api.lesson("Piano", "Asia/Seoul", "2027-04-01T10:00", 45, studentId))
                .when().post("/lessons").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aTeacherCannotBeBookedTwiceAtOnceAndTheConflictNamesTheLesson() {
        String teacherId = Api.id("busy-teacher");
        String teacher = Api.teacher(teacherId, "Asia/Seoul", "anna", "ben");
        String first = Api.bookLesson(teacher, Api.lesson("Violin with Anna", "Asia/Seoul", "2027-05-04T18:00", 60, "anna"))
                .statusCode(201).extract().path("lessons[0].id");

        long before = Lesson.count();
        Api.bookSeries(teacher, Map.of("title", "Violin with Ben", "zone", "Asia/Dubai", "startDate", "2027-04-27",
                        "count", 3, "time", "13:30", "weekdays", List.of("TUESDAY"), "durationMinutes", 45,
                        "studentIds", List.of("ben")))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString(first))
                .body("detail", containsString("Violin with Anna"));
        assertThat(Lesson.count()).isEqualTo(before);
    }

    @Test
    void aStudentsClashWithAnotherTeachersLessonIsAWarningThatTellsOnlyTheTimes() {
        String studentId = Api.id("shared-student");
        String violin = Api.teacher(Api.id("violin-teacher"), "Asia/Seoul", studentId);
        String piano = Api.teacher(Api.id("piano-teacher"), "Europe/Berlin", studentId);
        String violinLesson = Api.bookLesson(violin, Api.lesson("Violin", "Asia/Seoul", "2027-06-01T18:00", 60, studentId))
                .statusCode(201).extract().path("lessons[0].id");

        Api.bookLesson(piano, Api.lesson("Piano", "Europe/Berlin", "2027-06-01T11:30", 45, studentId))
                .statusCode(201)
                .body("warnings", hasSize(1))
                .body("warnings[0].studentId", equalTo(studentId))
                .body("warnings[0].startsAt", equalTo("2027-06-01T09:00:00Z"))
                .body("warnings[0].lessonId", org.hamcrest.Matchers.nullValue())
                .body("warnings[0].title", org.hamcrest.Matchers.nullValue())
                .body("warnings[0].message", org.hamcrest.Matchers.not(containsString("Violin")))
                .body("warnings[0].message", org.hamcrest.Matchers.not(containsString(violinLesson)));
    }

    @Test
    void anObserverSeesTheirStudentsLessonsAndNobodyElseDoes() {
        String studentId = Api.id("observed-student");
        String teacher = Api.teacher(Api.id("teacher"), "Asia/Seoul", studentId);
        String lessonId = Api.bookLesson(teacher, Api.lesson("Flute", "Asia/Seoul", "2027-07-01T18:00", 45, studentId))
                .statusCode(201).extract().path("lessons[0].id");

        as(Api.observer(Api.id("parent"), "Asia/Dubai", studentId)).when().get("/lessons/" + lessonId)
                .then().statusCode(200).body("local.startsAt", equalTo("2027-07-01T13:00:00+04:00"));
        as(Api.observer(Api.id("other-parent"), "Asia/Dubai", "someone-else")).when().get("/lessons/" + lessonId)
                .then().statusCode(404).contentType("application/problem+json");
        as(Api.student(studentId, "Asia/Dubai")).queryParam("from", "2027-06-30T00:00:00Z")
                .when().get("/lessons").then().statusCode(200).body("id", org.hamcrest.Matchers.hasItem(lessonId));
    }
}
