package academy.muse.scheduling.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.ParticipantEvents;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.contracts.events.VodEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.roomissuer.RoomIssuer;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.Lessons;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static academy.muse.scheduling.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Lesson states driven by room, participant and VOD events through the real broker. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class LessonLifecycleTest {

    @Inject
    EventPublisher publisher;
    @Inject
    RoomIssuer issuer;
    @Inject
    MongoClient mongo;

    private final String studentId = Api.id("student");
    private final String teacherId = Api.id("teacher");
    private final String teacher = Api.teacher(teacherId, "Asia/Seoul", studentId);
    private final String student = Api.student(studentId, "Asia/Dubai", teacherId);

    @BeforeEach
    void brokerAndRoomsAreUp() {
        BrokerTestResource.startBroker();
        StubRooms.instance().answering();
    }

    @Test
    void aLessonGoesFromRoomReadyToInProgressToCompletedAndGetsItsReplay() {
        Lesson lesson = lessonWithRoom();
        String room = lesson.roomCode;

        publisher.publish(Events.PARTICIPANT_JOINED, room,
                new ParticipantEvents.ParticipantJoined(room, studentId, "participant", "c-1", Instant.now()));
        awaitState(lesson.id, "in-progress");

        publisher.publish(Events.ROOM_CLOSED, room, new RoomEvents.RoomClosed(room, lesson.id, participants(),
                List.of(teacherId, studentId), Instant.now(), "ended"));
        awaitState(lesson.id, "completed");
        assertThat(Lessons.published(mongo, Events.LESSON_COMPLETED.type(), lesson.id)).isEqualTo(1);

        publisher.publish(Events.VOD_ASSET_READY, "asset-1", new VodEvents.VodAssetReady("asset-" + lesson.id, "rec-1",
                "lesson", room, lesson.id, teacherId, List.of(teacherId, studentId), "Cello", 2700.0,
                "/media/a/master.m3u8", "/media/a/manifest.mpd", "/media/a/poster.jpg"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(student).when().get("/lessons/history")
                .then().statusCode(200).body("find { it.id == '%s' }.replay.assetId".formatted(lesson.id),
                        equalTo("asset-" + lesson.id)));
        assertThat(Lessons.published(mongo, Events.LESSON_REPLAY_READY.type(), lesson.id)).isEqualTo(1);
    }

    @Test
    void aRoomThatClosesWithNobodyInItMakesTheLessonMissed() {
        Lesson lesson = lessonWithRoom();

        publisher.publish(Events.ROOM_CLOSED, lesson.roomCode, new RoomEvents.RoomClosed(lesson.roomCode, lesson.id,
                participants(), List.of(), Instant.now(), "empty"));

        awaitState(lesson.id, "missed");
        as(teacher).when().get("/lessons/history").then().statusCode(200).body("id", hasItem(lesson.id));
    }

    @Test
    void aLateJoinAfterTheRoomClosedDoesNotReopenTheLesson() {
        Lesson lesson = lessonWithRoom();
        publisher.publish(Events.ROOM_CLOSED, lesson.roomCode, new RoomEvents.RoomClosed(lesson.roomCode, lesson.id,
                participants(), List.of(studentId), Instant.now(), "ended"));
        awaitState(lesson.id, "completed");

        String late = publisher.publish(Events.PARTICIPANT_JOINED, lesson.roomCode,
                new ParticipantEvents.ParticipantJoined(lesson.roomCode, studentId, "participant", "c-2", Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> inboxHas(late));

        assertThat(Lessons.reload(lesson.id).state).isEqualTo(LessonState.COMPLETED);
    }

    /** A lesson booked through the API five minutes from now, with its room issued. */
    private Lesson lessonWithRoom() {
        String id = Api.bookLesson(teacher, Api.lesson("Cello", "UTC", Lessons.utcStartIn(Duration.ofMinutes(5)), 45,
                studentId)).statusCode(201).extract().path("lessons[0].id");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            issuer.issueDue();
            return Lessons.reload(id).roomCode != null;
        });
        return Lessons.reload(id);
    }

    private void awaitState(String lessonId, String state) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(teacher).when().get("/lessons/" + lessonId)
                .then().statusCode(200).body("state", equalTo(state)));
    }

    private boolean inboxHas(String eventId) {
        return mongo.getDatabase("scheduling").getCollection("inbox")
                .countDocuments(com.mongodb.client.model.Filters.eq("_id", eventId)) == 1;
    }

    private List<RoomEvents.Participant> participants() {
        return List.of(new RoomEvents.Participant(teacherId, "host"), new RoomEvents.Participant(studentId, "participant"));
    }
}
