package academy.muse.scheduling.calendar;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.roomissuer.RoomIssuer;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.Lessons;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static academy.muse.scheduling.testing.Api.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;

/** Private calendar feeds, parsed with a real iCalendar library as a calendar app would. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class CalendarFeedTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Inject
    RoomIssuer issuer;

    private final String studentId = Api.id("student");
    private final String teacherId = Api.id("teacher");
    private final String teacher = Api.teacher(teacherId, "America/New_York", studentId);
    private final String student = Api.student(studentId, "Asia/Dubai", teacherId);

    @Test
    void aStudentsFeedHoldsEveryOccurrenceAtItsInstantWithCancellationsMarked() throws Exception {
        List<String> ids = Api.bookSeries(teacher, Map.of("title", "Violin", "zone", "America/New_York",
                        "startDate", "2027-03-02", "count", 4, "time", "17:00", "weekdays", List.of("TUESDAY"),
                        "durationMinutes", 45, "studentIds", List.of(studentId)))
                .statusCode(201).extract().jsonPath().getList("occurrences.id", String.class);
        as(teacher).body(Map.of("reason", "concert")).when().post("/lessons/" + ids.get(1) + "/cancel")
                .then().statusCode(200);

        Calendar calendar = parse(fetch(feedUrlFor(student)));

        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).extracting(event -> value(event, Property.UID))
                .containsExactly(ids.stream().map(id -> id + "@muse.academy").toArray(String[]::new));
        assertThat(events).extracting(CalendarFeedTest::start).containsExactly(
                Instant.parse("2027-03-02T22:00:00Z"), Instant.parse("2027-03-09T22:00:00Z"),
                Instant.parse("2027-03-16T21:00:00Z"), Instant.parse("2027-03-23T21:00:00Z"));
        assertThat(events).extracting(event -> start(event).atZone(NEW_YORK).toLocalTime())
                .containsOnly(LocalTime.of(17, 0));
        assertThat(events).extracting(event -> value(event, Property.STATUS))
                .containsExactly("CONFIRMED", "CANCELLED", "CONFIRMED", "CONFIRMED");
        assertThat(value(events.get(0), Property.URL)).endsWith("/lessons/" + ids.get(0));
        assertThat(value(events.get(0), Property.SUMMARY)).isEqualTo("Violin");
        assertThat(calendar.validate().getEntries()).isEmpty();
    }

    @Test
    void aLessonWhoseRoomIsIssuedLinksToItsLessonPageAndNamesTheJoinLinkInTheFeed() throws Exception {
        StubRooms.instance().answering();
        String lessonId = Api.bookLesson(teacher,
                        Api.lesson("Cello", "UTC", Lessons.utcStartIn(Duration.ofMinutes(4)), 30, studentId))
                .statusCode(201).extract().path("lessons[0].id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            issuer.issueDue();
            return Lessons.reload(lessonId).joinLink != null;
        });
        String joinLink = Lesson.<Lesson>findByIdOptional(lessonId).orElseThrow().joinLink;

        List<VEvent> events = parse(fetch(feedUrlFor(teacher))).getComponents(Component.VEVENT);

        VEvent lesson = events.stream().filter(event -> value(event, Property.UID).startsWith(lessonId)).findFirst()
                .orElseThrow();
        assertThat(value(lesson, Property.URL)).endsWith("/lessons/" + lessonId);
        assertThat(value(lesson, Property.LOCATION)).endsWith("/lessons/" + lessonId);
        assertThat(value(lesson, Property.DESCRIPTION)).contains("/lessons/" + lessonId).contains(joinLink);
    }

    @Test
    void anObserversFeedShowsTheirStudentsLessons() throws Exception {
        String lessonId = Api.bookLesson(teacher, Api.lesson("Flute", "America/New_York", "2027-09-01T16:00", 45,
                studentId)).statusCode(201).extract().path("lessons[0].id");

        List<VEvent> events = parse(fetch(feedUrlFor(Api.observer(Api.id("parent"), "Asia/Dubai", studentId))))
                .getComponents(Component.VEVENT);

        assertThat(events).extracting(event -> value(event, Property.UID)).contains(lessonId + "@muse.academy");
    }

    @Test
    void rotatingTheFeedUrlRetiresTheOldOneAndRevokingRetiresIt() {
        String first = feedUrlFor(student);
        String second = feedUrlFor(student);

        given().when().get(first).then().statusCode(404).contentType("application/problem+json");
        given().when().get(second).then().statusCode(200);

        as(student).when().delete("/calendar/token").then().statusCode(204);
        given().when().get(second).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aFeedUrlNeedsASignedInUserToBeMade() {
        given().when().post("/calendar/token").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRoomTicketIsNotAUserToken() {
        String roomTicket = TestTokens.roomTicket("k7m-2qd-x9a-4hb", Api.id("student"), "participant", "Sara");
        as(roomTicket).when().post("/calendar/token").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aServiceTokenIsNotAUserToken() {
        as(TestTokens.service("rooms")).when().post("/calendar/token").then().statusCode(401);
        as(TestTokens.service("scheduling")).when().post("/calendar/token").then().statusCode(401);
    }

    /** The feed path as the service serves it (the public URL adds the gateway's /api/scheduling prefix). */
    private static String feedUrlFor(String token) {
        String url = as(token).when().post("/calendar/token").then().statusCode(201)
                .body("url", endsWith(".ics")).extract().path("url");
        return url.substring(url.indexOf("/calendar/"));
    }

    private static String fetch(String path) {
        return given().when().get(path).then().statusCode(200).contentType("text/calendar")
                .extract().asString();
    }

    private static Calendar parse(String ics) throws Exception {
        return new CalendarBuilder().build(new StringReader(ics));
    }

    private static Instant start(VEvent event) {
        return Instant.from(event.getStartDate().orElseThrow().getDate());
    }

    private static String value(VEvent event, String property) {
        Optional<Property> found = event.getProperty(property);
        return found.map(Property::getValue).orElse(null);
    }
}
