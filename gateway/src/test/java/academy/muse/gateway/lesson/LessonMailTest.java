package academy.muse.gateway.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.Mailboxes;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static academy.muse.gateway.Mailboxes.awaitMail;
import static academy.muse.gateway.Mailboxes.calendarDate;
import static academy.muse.gateway.Mailboxes.clockTime;
import static academy.muse.gateway.Mailboxes.theMailTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * scheduling's lesson events become mails the participants read from the real SMTP server: each in the reader's
 * language and zone with the other party's time beside it, with an invite.ics calendar apps apply.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
class LessonMailTest {

    @Inject
    EventPublisher events;
    @Inject
    Reminders reminders;

    @Test
    void aMovedLessonReachesTheStudentInTheirLanguageAndZoneWithTheTeachersTimeTheReasonAndAnUpdatedInvite() {
        Person teacher = People.teacher("Mina Park"); // ko-KR, Asia/Seoul
        Person student = englishInDubai(People.student(teacher, "Sara Haddad"));
        String lesson = lessonId();
        Instant first = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        Instant moved = first.plus(Duration.ofMinutes(90));

        schedule(lesson, teacher, student, first, 0, null);
        ReceivedMail booked = theMailTo(student.email());
        assertThat(booked.subject()).isEqualTo("New lesson: Violin");
        VEvent invite = invite(booked, "REQUEST");
        assertThat(property(invite, "UID")).isEqualTo(lesson + "@muse.academy");
        assertThat(property(invite, "SEQUENCE")).isEqualTo("0");

        schedule(lesson, teacher, student, moved, 1, "Orchestra rehearsal ran late");
        ReceivedMail movedMail = awaitMail(student.email(), 2).get(1);
        assertThat(movedMail.language()).isEqualTo("en");
        assertThat(movedMail.subject()).isEqualTo("Lesson moved: Violin");
        assertThat(movedMail.text()).startsWith("Hello Sara Haddad,")
                .containsPattern("When: " + calendarDate(moved, "Asia/Dubai", false) + ".{1,5}"
                        + clockTime(moved, "Asia/Dubai", false) + " \\(Asia/Dubai\\)")
                .containsPattern("For Mina Park: " + calendarDate(moved, "Asia/Seoul", false) + ".{1,5}"
                        + clockTime(moved, "Asia/Seoul", false) + " \\(Asia/Seoul\\)")
                .contains("It was: " + calendarDate(first, "Asia/Dubai", false))
                .contains("Mina Park says why: Orchestra rehearsal ran late")
                .contains("/lessons/" + lesson);
        VEvent movedInvite = invite(movedMail, "REQUEST");
        assertThat(property(movedInvite, "UID")).isEqualTo(lesson + "@muse.academy");
        assertThat(property(movedInvite, "SEQUENCE")).isEqualTo("1");
        assertThat(property(movedInvite, "DTSTART")).isEqualTo(ics(moved));
    }

    @Test
    void aCancelledLessonTellsTheKoreanStudentTheTeachersReasonAndRemovesItFromTheirCalendar() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Ji-woo Kim"); // ko-KR, Asia/Seoul
        String lesson = lessonId();
        Instant startsAt = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        scheduleInSeries(lesson, teacher, student, startsAt);

        events.publish(Events.LESSON_CANCELLED, "lesson.cancelled:" + lesson, lesson,
                new LessonEvents.LessonCancelled(lesson, "series-" + lesson, teacher.id(), "선생님 독감", 1));

        ReceivedMail mail = theMailTo(student.email()); // a series occurrence was not mailed when booked
        assertThat(mail.language()).isEqualTo("ko");
        assertThat(mail.subject()).isEqualTo("레슨 취소: Violin");
        assertThat(mail.text()).contains("Mina Park님이 남긴 사유: 선생님 독감")
                .contains(calendarDate(startsAt, "Asia/Seoul", true) + " " + clockTime(startsAt, "Asia/Seoul", true));
        VEvent cancel = invite(mail, "CANCEL");
        assertThat(property(cancel, "UID")).isEqualTo(lesson + "@muse.academy");
        assertThat(property(cancel, "SEQUENCE")).isEqualTo("1");
        assertThat(property(cancel, "STATUS")).isEqualTo("CANCELLED");
    }

    @Test
    void remindersComeADayAndAnHourBeforeOnceEachEvenWithRacingReplicasAndNotToWhoTurnedThemOff() {
        Person teacher = People.teacher("Mina Park");
        Person student = englishInDubai(People.student(teacher, "Sara Haddad"));
        Person quiet = People.student(teacher, "Ji-woo Kim");
        quiet.asThem().contentType(ContentType.JSON).body(Map.of("lessonReminders", false))
                .when().patch("/api/me").then().statusCode(200);
        String lesson = lessonId();
        Instant startsAt = Instant.now().plus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        events.publish(Events.LESSON_SCHEDULED, "lesson.scheduled:" + lesson + ":0", lesson,
                new LessonEvents.LessonScheduled(lesson, "series-" + lesson, teacher.id(),
                        List.of(student.id(), quiet.id()), startsAt, startsAt.plus(Duration.ofMinutes(45)), "Violin",
                        0, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> copyExists(lesson));

        // Three replicas find the day-before reminder due at once.
        Instant dayBefore = startsAt.minus(Duration.ofHours(23));
        List<CompletableFuture<Integer>> racing = List.of(1, 2, 3).stream()
                .map(replica -> CompletableFuture.supplyAsync(() -> reminders.remindDue(dayBefore))).toList();
        assertThat(racing.stream().mapToInt(CompletableFuture::join).sum()).isEqualTo(1);
        ReceivedMail dayMail = theMailTo(student.email());
        assertThat(dayMail.subject()).isEqualTo("Tomorrow: Violin");
        assertThat(dayMail.text()).contains("with Mina Park", "(Asia/Dubai)", "For Mina Park: ", "(Asia/Seoul)");
        invite(dayMail, "REQUEST");
        ReceivedMail toTeacher = theMailTo(teacher.email());
        assertThat(toTeacher.subject()).isEqualTo("내일 레슨: Violin");
        assertThat(toTeacher.text()).contains("Sara Haddad님 기준: ", "(Asia/Dubai)");

        assertThat(reminders.remindDue(dayBefore)).isZero();
        reminders.remindDue(startsAt.minus(Duration.ofMinutes(59)));
        ReceivedMail hourMail = awaitMail(student.email(), 2).get(1);
        assertThat(hourMail.subject()).isEqualTo("In one hour: Violin");
        assertThat(reminders.remindDue(startsAt.minus(Duration.ofMinutes(30)))).isZero();

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SmtpTestResource.receivedBy(student.email()).size() == 2
                        && Mailboxes.receivedBy(teacher.email()).size() == 2);
        assertThat(Mailboxes.receivedBy(quiet.email())).isEmpty();
    }

    @Test
    void theRoomReadyMailCarriesTheJoinLinkAndAReplayIsAnnouncedOnceHoweverManyAssetsItHas() {
        Person teacher = People.teacher("Mina Park");
        Person student = englishInDubai(People.student(teacher, "Sara Haddad"));
        String lesson = lessonId();
        Instant startsAt = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MINUTES);
        scheduleInSeries(lesson, teacher, student, startsAt);

        String joinLink = "http://localhost:8080/r/abc-defg-hij";
        String roomReady = events.publish(Events.LESSON_ROOM_READY, "lesson.room-ready:" + lesson, lesson,
                new LessonEvents.LessonRoomReady(lesson, "abc-defg-hij", joinLink, startsAt, startsAt.plusSeconds(2700)));
        ReceivedMail room = theMailTo(student.email());
        assertThat(room.subject()).isEqualTo("The room is open: Violin");
        assertThat(room.text()).contains(joinLink);
        assertThat(theMailTo(teacher.email()).text()).contains(joinLink);
        assertThat(roomReady).isNotBlank();

        for (String asset : List.of("track-1", "track-2", "composed")) {
            events.publish(Events.LESSON_REPLAY_READY, "lesson.replay-ready:" + lesson + ":" + asset, lesson,
                    new LessonEvents.LessonReplayReady(lesson, asset, "lesson", "Violin"));
        }
        ReceivedMail replay = awaitMail(student.email(), 2).get(1);
        assertThat(replay.subject()).isEqualTo("Replay ready: Violin");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SmtpTestResource.receivedBy(student.email()).size() == 2);
    }

    private void schedule(String lesson, Person teacher, Person student, Instant startsAt, int sequence, String reason) {
        events.publish(Events.LESSON_SCHEDULED, "lesson.scheduled:" + lesson + ":" + sequence, lesson,
                new LessonEvents.LessonScheduled(lesson, null, teacher.id(), List.of(student.id()), startsAt,
                        startsAt.plus(Duration.ofMinutes(45)), "Violin", sequence, reason));
    }

    private void scheduleInSeries(String lesson, Person teacher, Person student, Instant startsAt) {
        events.publish(Events.LESSON_SCHEDULED, "lesson.scheduled:" + lesson + ":0", lesson,
                new LessonEvents.LessonScheduled(lesson, "series-" + lesson, teacher.id(), List.of(student.id()),
                        startsAt, startsAt.plus(Duration.ofMinutes(45)), "Violin", 0, null));
        await().atMost(Duration.ofSeconds(20)).until(() -> copyExists(lesson));
    }

    @Inject
    LessonCopies copies;

    private boolean copyExists(String lesson) {
        return copies.find(lesson).isPresent();
    }

    private static Person englishInDubai(Person person) {
        person.asThem().contentType(ContentType.JSON).body(Map.of("locale", "en-US", "zone", "Asia/Dubai"))
                .when().patch("/api/me").then().statusCode(200);
        return person;
    }

    private static String lessonId() {
        return "l-" + UUID.randomUUID();
    }

    private static String ics(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "");
    }

    /** The mail's invite.ics, as a calendar app parses it: its METHOD is {@code method}; its one event. */
    private static VEvent invite(ReceivedMail mail, String method) {
        try {
            MimeMessage message = new MimeMessage(Session.getDefaultInstance(new Properties()),
                    new ByteArrayInputStream(mail.raw().getBytes(StandardCharsets.UTF_8)));
            Part part = calendarPart(message);
            assertThat(part).as("invite.ics in " + mail.subject()).isNotNull();
            assertThat(part.getContentType()).containsIgnoringCase("text/calendar").containsIgnoringCase("method=" + method);
            String ics = new String(part.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
            assertThat(calendar.getProperty("METHOD").orElseThrow().getValue()).isEqualTo(method);
            return calendar.<VEvent>getComponent("VEVENT").orElseThrow();
        } catch (Exception e) {
            throw new AssertionError("No readable invite.ics in " + mail.subject(), e);
        }
    }

    private static String property(VEvent event, String name) {
        return event.getProperty(name).orElseThrow(() -> new AssertionError("no " + name)).getValue();
    }

    private static Part calendarPart(Part part) throws Exception {
        if (part.isMimeType("text/calendar")) {
            return part;
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                Part found = calendarPart(multipart.getBodyPart(i));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
