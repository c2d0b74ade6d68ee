package academy.muse.scheduling.roomissuer;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.Events;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.accounts.StudentObserver;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonState;
import academy.muse.scheduling.testing.Api;
import academy.muse.scheduling.testing.Lessons;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static academy.muse.scheduling.testing.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** The room issuer against the real store and a real HTTP stand-in for rooms. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class RoomIssuerTest {

    @Inject
    RoomIssuer issuer;
    @Inject
    IssueClaims claims;
    @Inject
    MongoClient mongo;
    @Inject
    EventPublisher publisher;

    private final StubRooms rooms = StubRooms.instance();

    @BeforeEach
    void roomsAnswersAndNothingIsLeftFromEarlierTests() {
        rooms.answering();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            issuer.issueDue();
            return claims.dueCandidates(Instant.now(), Duration.ofMinutes(10), 1).isEmpty();
        });
    }

    @Test
    void twoIssuersRunningAtOnceIssueEachRoomExactlyOnce() throws Exception {
        List<Lesson> due = IntStream.range(0, 40).mapToObj(i -> Lessons.dueIn(Duration.ofMinutes(2 + i % 7))).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Integer>> replicas = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            replicas.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return issuer.issueDue();
            }));
        }
        start.countDown();
        int issued = 0;
        for (CompletableFuture<Integer> replica : replicas) {
            issued += replica.get(60, TimeUnit.SECONDS);
        }

        assertThat(issued).isEqualTo(40);
        for (Lesson lesson : due) {
            Lesson stored = Lessons.reload(lesson.id);
            assertThat(stored.state).isEqualTo(LessonState.ROOM_READY);
            assertThat(stored.roomCode).isEqualTo(StubRooms.codeOf(lesson.id));
            assertThat(stored.joinLink).endsWith("/r/" + stored.roomCode);
            assertThat(rooms.openedFor(lesson.id)).as("rooms opened for %s", lesson.id).isEqualTo(1);
            assertThat(Lessons.published(mongo, Events.LESSON_ROOM_READY.type(), lesson.id)).isEqualTo(1);
        }
        assertThat(rooms.lastAuthorization()).startsWith("Bearer ");
    }

    @Test
    void twoIssuersClaimingTheSameBatchEachWinDifferentLessonsAndTogetherAllOfThem() throws Exception {
        List<String> batch = IntStream.range(0, 30).mapToObj(i -> Lessons.dueIn(Duration.ofMinutes(3)).id).toList();
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<List<Lesson>>> replicas = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            replicas.add(CompletableFuture.supplyAsync(() -> {
                awaitQuietly(start);
                return claims.claim(batch, Instant.now(), Duration.ofMinutes(10), Duration.ofMinutes(1));
            }));
        }
        start.countDown();
        List<String> won = new ArrayList<>();
        for (CompletableFuture<List<Lesson>> replica : replicas) {
            replica.get(30, TimeUnit.SECONDS).forEach(lesson -> won.add(lesson.id));
        }

        assertThat(won).containsExactlyInAnyOrderElementsOf(batch);
        assertThat(claims.claim(batch, Instant.now(), Duration.ofMinutes(10), Duration.ofMinutes(1)))
                .as("a third claim while the leases run").isEmpty();
    }

    @Test
    void aLessonRoomsRefusesWaitsWhileTheRestOfItsBatchGetTheirRooms() {
        List<Lesson> batch = IntStream.range(0, 5).mapToObj(i -> Lessons.dueIn(Duration.ofMinutes(4))).toList();
        Lesson refused = batch.get(2);
        rooms.refusing(refused.id);
        int batchCalls = rooms.batchCalls();

        assertThat(issuer.issueDue()).isEqualTo(4);

        assertThat(rooms.batchCalls()).as("the lessons were asked for in one batch first").isGreaterThan(batchCalls);
        for (Lesson lesson : batch) {
            Lesson stored = Lessons.reload(lesson.id);
            if (lesson == refused) {
                assertThat(stored.roomCode).isNull();
                assertThat(stored.roomIssueError).isNotBlank();
                assertThat(stored.state).isEqualTo(LessonState.SCHEDULED);
            } else {
                assertThat(stored.roomCode).isEqualTo(StubRooms.codeOf(lesson.id));
                assertThat(rooms.openedFor(lesson.id)).isEqualTo(1);
            }
        }
        Lesson.deleteById(refused.id);
    }

    @Test
    void aLessonFurtherAwayThanTheLeadTimeGetsNoRoomYet() {
        Lesson later = Lessons.dueIn(Duration.ofMinutes(30));

        issuer.issueDue();

        assertThat(Lessons.reload(later.id).roomCode).isNull();
        assertThat(rooms.openedFor(later.id)).isZero();
    }

    @Test
    void aCrashedIssuersClaimIsTakenOverOnceItsLeaseExpires() {
        Lesson lesson = Lessons.dueIn(Duration.ofMinutes(3));
        // An issuer claims it and dies before asking rooms.
        assertThat(claims.claim(List.of(lesson.id), Instant.now(), Duration.ofMinutes(10), Duration.ofSeconds(2))).hasSize(1);
        assertThat(claims.claim(List.of(lesson.id), Instant.now(), Duration.ofMinutes(10), Duration.ofSeconds(2)))
                .as("a second claim while the lease runs").isEmpty();

        issuer.issueDue();
        assertThat(Lessons.reload(lesson.id).roomCode).as("still leased to the crashed issuer").isNull();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> {
            issuer.issueDue();
            return Lessons.reload(lesson.id).roomCode != null;
        });
        assertThat(rooms.openedFor(lesson.id)).isEqualTo(1);
        assertThat(Lessons.reload(lesson.id).issueAttempts).isEqualTo(2);
    }

    @Test
    void whileRoomsIsDownTheLessonSaysRoomPendingAndItIsIssuedAsSoonAsRoomsIsBack() {
        String studentId = Api.id("student");
        String teacher = Api.teacher(Api.id("teacher"), "Asia/Seoul", studentId);
        String lessonId = Api.bookLesson(teacher,
                        Api.lesson("Viola", "UTC", Lessons.utcStartIn(Duration.ofMinutes(6)), 30, studentId))
                .statusCode(201).extract().path("lessons[0].id");
        rooms.failing();

        assertThat(issuer.issueDue()).isZero();
        as(teacher).when().get("/lessons/" + lessonId).then().statusCode(200)
                .body("state", equalTo("scheduled"))
                .body("roomStatus", equalTo("pending"))
                .body("roomIssueError", notNullValue());

        rooms.answering();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
            issuer.issueDue();
            return Lessons.reload(lessonId).roomCode != null;
        });
        as(teacher).when().get("/lessons/" + lessonId).then().statusCode(200)
                .body("state", equalTo("room-ready"))
                .body("roomStatus", equalTo("ready"))
                .body("joinLink", startsWith("http://localhost:8080/r/"));
        assertThat(rooms.openedFor(lessonId)).isEqualTo(1);
    }

    @Test
    void aLessonsRoomListsItsTeacherAsHostItsStudentsAndTheirObservers() {
        Lesson lesson = Lessons.dueIn(Duration.ofMinutes(4));
        String student = lesson.studentIds.get(0);
        String parent = Api.id("parent");
        publisher.publish(Events.ACCOUNT_RELATION_ADDED, parent,
                new AccountEvents.RelationChanged(lesson.teacherId, parent, "observer", student));
        await().atMost(Duration.ofSeconds(20)).until(() -> StudentObserver.count("studentId", student) > 0);

        issuer.issueDue();

        JsonObject sent = rooms.requestFor(lesson.id);
        assertThat(sent.getString("title")).isEqualTo(lesson.title);
        assertThat(sent.getJsonArray("participants").stream().map(JsonObject.class::cast)
                .map(participant -> participant.getString("accountId") + "=" + participant.getString("role")))
                .containsExactly(lesson.teacherId + "=host", student + "=participant", parent + "=observer");
    }

    @Test
    void anObserverInvitedByAnotherTeacherOfTheStudentGetsNoSeatInThisTeachersLesson() {
        Lesson lesson = Lessons.dueIn(Duration.ofMinutes(4));
        String student = lesson.studentIds.get(0);
        String otherTeachersObserver = Api.id("other-teachers-observer");
        publisher.publish(Events.ACCOUNT_RELATION_ADDED, otherTeachersObserver,
                new AccountEvents.RelationChanged(Api.id("other-teacher"), otherTeachersObserver, "observer", student));
        await().atMost(Duration.ofSeconds(20)).until(() -> StudentObserver.count("observerId", otherTeachersObserver) > 0);

        issuer.issueDue();

        JsonObject sent = rooms.requestFor(lesson.id);
        assertThat(sent.getJsonArray("participants").stream().map(JsonObject.class::cast)
                .map(participant -> participant.getString("accountId")))
                .containsExactly(lesson.teacherId, student);
    }

    @Test
    void lessonsTheOldIssuerLeftFreeWithAnEpochOrPastLeaseAreIssuedAndOneItStillHoldsIsNot() {
        Lesson epoch = storedAsTheOldIssuerLeftIt(Lessons.dueIn(Duration.ofMinutes(5)), new Date(0), null);
        Lesson past = storedAsTheOldIssuerLeftIt(Lessons.dueIn(Duration.ofMinutes(5)),
                Date.from(Instant.now().minusSeconds(30)), "crashed-issuer");
        Lesson held = Lessons.dueIn(Duration.ofMinutes(5));
        Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", held.id), Updates.combine(
                Updates.set("leaseUntil", Date.from(Instant.now().plusSeconds(600))), Updates.set("leaseToken", "live-issuer")));

        List<Lesson> claimed = claims.claim(List.of(epoch.id, past.id, held.id), Instant.now(), Duration.ofMinutes(10),
                Duration.ofMinutes(1));

        assertThat(claimed).extracting(lesson -> lesson.id).containsExactlyInAnyOrder(epoch.id, past.id);
    }

    /** The issuer before the shared lease kept its own fields: {@code Date(0)} for "free" and its token beside it. */
    private static Lesson storedAsTheOldIssuerLeftIt(Lesson lesson, Date issueLeaseUntil, String issueClaim) {
        Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", lesson.id), Updates.combine(
                Updates.unset("leaseUntil"), Updates.unset("leaseToken"),
                Updates.set("issueLeaseUntil", issueLeaseUntil), Updates.set("issueClaim", issueClaim)));
        return lesson;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
