package academy.muse.scheduling.series;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.accounts.AccountZone;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.StubRoomsResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static academy.muse.scheduling.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A New York series keeps its wall time across daylight-saving changes; everyone sees it in their own zone. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class SeriesTimeZonesTest {

    @Inject
    EventPublisher publisher;

    private final String teacherId = Api.id("teacher");
    private final String studentId = Api.id("student");
    private final String teacher = Api.teacher(teacherId, "Asia/Seoul", studentId);
    private final String student = Api.student(studentId, "Asia/Dubai", teacherId);

    @Test
    void aNewYorkSeriesStaysAtFivePmLocalAcrossTheMarchChange() {
        JsonPath booked = bookTuesdays("2027-03-02", "2027-03-23");

        assertThat(booked.getList("occurrences.startsAt", String.class)).containsExactly(
                "2027-03-02T22:00:00Z", "2027-03-09T22:00:00Z", "2027-03-16T21:00:00Z", "2027-03-23T21:00:00Z");
        JsonPath inNewYork = series(booked.getString("series.id"), teacher, "America/New_York");
        assertThat(inNewYork.getList("occurrences.local.startsAt", String.class)).containsExactly(
                "2027-03-02T17:00:00-05:00", "2027-03-09T17:00:00-05:00",
                "2027-03-16T17:00:00-04:00", "2027-03-23T17:00:00-04:00");
    }

    @Test
    void aNewYorkSeriesStaysAtFivePmLocalAcrossTheNovemberChange() {
        JsonPath booked = bookTuesdays("2027-10-26", "2027-11-09");

        assertThat(booked.getList("occurrences.startsAt", String.class)).containsExactly(
                "2027-10-26T21:00:00Z", "2027-11-02T21:00:00Z", "2027-11-09T22:00:00Z");
        assertThat(series(booked.getString("series.id"), teacher, "America/New_York")
                .getList("occurrences.local.startsAt", String.class))
                .allSatisfy(local -> assertThat(local).contains("T17:00:00-0"));
    }

    @Test
    void seoulAndDubaiViewersSeeTheLessonInTheirOwnWallTime() {
        String seriesId = bookTuesdays("2027-03-09", "2027-03-16").getString("series.id");

        // The teacher's token says Seoul; the student's says Dubai.
        assertThat(series(seriesId, teacher, null).getList("occurrences.local.startsAt", String.class))
                .containsExactly("2027-03-10T07:00:00+09:00", "2027-03-17T06:00:00+09:00");
        JsonPath forStudent = series(seriesId, student, null);
        assertThat(forStudent.getList("occurrences.local.startsAt", String.class))
                .containsExactly("2027-03-10T02:00:00+04:00", "2027-03-17T01:00:00+04:00");
        assertThat(forStudent.getList("occurrences.local.weekday", String.class)).containsOnly("Wednesday");
        // ?zone= overrides the token's zone.
        assertThat(series(seriesId, student, "Asia/Seoul").getList("occurrences.local.startsAt", String.class))
                .containsExactly("2027-03-10T07:00:00+09:00", "2027-03-17T06:00:00+09:00");
    }

    @Test
    void eachParticipantSeesTheLessonInTheZoneTheirAccountNames() {
        publisher.publish(Events.ACCOUNT_UPDATED, teacherId,
                new AccountEvents.AccountChanged(teacherId, "Min-jun", List.of("teacher"), "Asia/Seoul", "ko"));
        publisher.publish(Events.ACCOUNT_UPDATED, studentId,
                new AccountEvents.AccountChanged(studentId, "Sara", List.of("student"), "Asia/Dubai", "ar"));
        await().atMost(Duration.ofSeconds(20)).until(() -> AccountZone.zonesOf(List.of(teacherId, studentId)).size() == 2);

        JsonPath booked = bookTuesdays("2027-03-16", "2027-03-16");

        assertThat(booked.getList("occurrences[0].participants.accountId", String.class))
                .containsExactly(teacherId, studentId);
        assertThat(booked.getList("occurrences[0].participants.zone", String.class))
                .containsExactly("Asia/Seoul", "Asia/Dubai");
        assertThat(booked.getList("occurrences[0].participants.startsAt", String.class))
                .containsExactly("2027-03-17T06:00:00+09:00", "2027-03-17T01:00:00+04:00");
    }

    @Test
    void aParticipantScheduledHasNotHeardOfSeesTheSeriesZone() {
        JsonPath booked = bookTuesdays("2027-03-23", "2027-03-23");

        assertThat(booked.getList("occurrences[0].participants.zone", String.class))
                .containsOnly("America/New_York");
    }

    private JsonPath bookTuesdays(String startDate, String endDate) {
        return Api.bookSeries(teacher, Map.of("title", "Violin with Sara", "zone", "America/New_York",
                        "startDate", startDate, "endDate", endDate, "time", "17:00", "weekdays", List.of("TUESDAY"),
                        "durationMinutes", 45, "studentIds", List.of(studentId)))
                .statusCode(201).extract().jsonPath();
    }

    private static JsonPath series(String seriesId, String token, String zone) {
        var request = as(token);
        if (zone != null) {
            request = request.queryParam("zone", zone);
        }
        return request.when().get("/series/" + seriesId).then().statusCode(200).extract().jsonPath();
    }
}
