package academy.muse.gateway.storage;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.StorageThresholdCrossed;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.Mailboxes;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static academy.muse.gateway.Mailboxes.calendarDate;
import static academy.muse.gateway.Mailboxes.clockTime;
import static academy.muse.gateway.Mailboxes.theMailTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** recordings says a teacher's storage crossed a level; the teacher and the operator read about it in their mail. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
class StorageWarningMailTest {

    private static final String OPERATOR = "admin@muse.test";
    private static final long GIB = 1L << 30;

    @Inject
    EventPublisher events;
    @Inject
    MongoClient mongo;
    @Inject
    StorageWarnings warnings;

    @Test
    void at80PercentTheKoreanTeacherIsToldInKoreanThatLessonsStillRecordAndTheOperatorInEnglish() {
        Person teacher = People.teacher("Mina Park"); // ko-KR, Asia/Seoul

        String eventId = events.publish(Events.RECORDING_STORAGE_THRESHOLD, teacher.id(),
                new StorageThresholdCrossed(teacher.id(), 80, 80 * GIB, 100 * GIB));
        Instant at = publishedAt(eventId);

        ReceivedMail mail = theMailTo(teacher.email());
        assertThat(mail.language()).isEqualTo("ko");
        assertThat(mail.subject()).isEqualTo("저장 공간의 80%를 사용했습니다");
        assertThat(mail.text()).startsWith("Mina Park님, 안녕하세요.")
                .contains("100.0 GiB 중 80.0 GiB")
                .contains("모든 레슨은 끝까지 녹화됩니다")
                .contains("새 미리보기 영상은 거부됩니다")
                .contains(calendarDate(at, "Asia/Seoul", true) + " " + clockTime(at, "Asia/Seoul", true) + " (Asia/Seoul)");

        ReceivedMail toOperator = theOperatorsMailAbout(teacher);
        assertThat(toOperator.language()).isEqualTo("en");
        assertThat(toOperator.subject()).isEqualTo("Mina Park has used 80% of their storage");
        assertThat(toOperator.text()).contains("Mina Park (" + teacher.email() + ")", "80.0 GiB of 100.0 GiB",
                "still recorded in full");
    }

    @Test
    void atTheFullQuotaTheTeacherIsToldNewPreviewsAreRefusedWhileLessonsAreStillRecordedInFull() {
        Person teacher = People.teacher("Jonas Weber", "en-GB", "Europe/Berlin");

        String eventId = events.publish(Events.RECORDING_STORAGE_THRESHOLD, teacher.id(),
                new StorageThresholdCrossed(teacher.id(), 100, 101 * GIB, 100 * GIB));
        Instant at = publishedAt(eventId);

        ReceivedMail mail = theMailTo(teacher.email());
        assertThat(mail.language()).isEqualTo("en");
        assertThat(mail.subject()).isEqualTo("Your storage is full");
        assertThat(mail.text()).contains("every lesson is still recorded in full")
                .contains("New preview videos are refused")
                .contains("101.0 GiB of 100.0 GiB")
                .contains(twentyFourHourClock(at.atZone(ZoneId.of("Europe/Berlin"))) + " (Europe/Berlin)");
    }

    @Test
    void aRedeliveredWarningMailsEachPersonOnce() {
        Person teacher = People.teacher("Mina Park");
        String eventId = events.publish(Events.RECORDING_STORAGE_THRESHOLD, teacher.id(),
                new StorageThresholdCrossed(teacher.id(), 95, 95 * GIB, 100 * GIB));
        theMailTo(teacher.email());
        String cloudEvent = outboxEntry(eventId).getString("event");

        // The broker delivers at least once: the same event again, as the connector would hand it over.
        warnings.on(cloudEvent);
        warnings.on(cloudEvent);

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> Mailboxes.receivedBy(teacher.email()).size() == 1);
        assertThat(aboutTeacher(teacher)).hasSize(1);
        assertThat(mongo.getDatabase("gateway").getCollection("mail_outbox")
                .countDocuments(Filters.regex("_id", "^storage-warning:" + eventId + ":"))).isEqualTo(2);
    }

    /** The operator's one mail about this teacher (the operator also gets those about other tests' teachers). */
    private static ReceivedMail theOperatorsMailAbout(Person teacher) {
        await().atMost(Duration.ofSeconds(30)).until(() -> aboutTeacher(teacher).size() >= 1);
        List<ReceivedMail> about = aboutTeacher(teacher);
        assertThat(about).hasSize(1);
        return about.get(0);
    }

    private static List<ReceivedMail> aboutTeacher(Person teacher) {
        return SmtpTestResource.receivedBy(OPERATOR).stream().filter(mail -> mail.text().contains(teacher.email()))
                .toList();
    }

    /** British English writes the time on a 24-hour clock: {@code 14:05}. */
    private static String twentyFourHourClock(ZonedDateTime local) {
        return String.format("%02d:%02d", local.getHour(), local.getMinute());
    }

    private Instant publishedAt(String eventId) {
        return OffsetDateTime.parse(Document.parse(outboxEntry(eventId).getString("event")).getString("time"))
                .toInstant();
    }

    private Document outboxEntry(String eventId) {
        return mongo.getDatabase("gateway").getCollection("outbox").find(Filters.eq("_id", eventId)).first();
    }
}
