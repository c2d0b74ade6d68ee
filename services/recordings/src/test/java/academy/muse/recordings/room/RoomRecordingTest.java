package academy.muse.recordings.room;

import academy.muse.contracts.events.RecordingEvents;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.RecordingProbe;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.upload.Upload;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static academy.muse.recordings.support.TusRequests.create;
import static academy.muse.recordings.support.TusRequests.createDeferred;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.material;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static academy.muse.recordings.support.TusRequests.tus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

/** From room.closed to recording.completed, through the real broker, as vod receives it. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RoomRecordingTest {

    private static final Duration EVENTS = Duration.ofSeconds(30);

    @Inject
    Rooms rooms;
    @Inject
    RecordingProbe probe;
    @Inject
    RoomFinaliser finaliser;

    @Test
    void whenTheRoomClosesItsTracksArePublishedOnceWithSizesChecksumsAndStartsAndAnUnfinishedOneIsPartial()
            throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open(teacher, student);
        byte[] teacherBytes = MediaFiles.randomRecording(40_000);
        var teacherTrack = track(room);
        teacherTrack.put("title", "Violin with Sara");
        Instant teacherStart = Instant.now().minusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        teacherTrack.put("startedAt", teacherStart.toString());
        String teacherPath = createdPath(create(TestTokens.teacher(teacher, student), teacherBytes.length, teacherTrack));
        patch(TestTokens.teacher(teacher, student), teacherPath, 0, teacherBytes).then().statusCode(204);
        byte[] studentBytes = MediaFiles.randomRecording(25_000);
        String studentToken = TestTokens.student(student, teacher);
        String studentPath = createdPath(createDeferred(studentToken, track(room)));
        patch(studentToken, studentPath, 0, studentBytes).then().statusCode(204);
        String emptyPath = createdPath(createDeferred(studentToken, track(room)));

        rooms.close(room);

        await().atMost(EVENTS).until(() -> probe.completed("room-" + room) != null);
        RecordingEvents.RecordingCompleted completed = probe.completed("room-" + room);
        assertThat(completed.kind()).isEqualTo("lesson-track");
        assertThat(completed.roomCode()).isEqualTo(room);
        assertThat(completed.lessonOccurrenceId()).isEqualTo("occ-" + room);
        assertThat(completed.ownerId()).isEqualTo(teacher);
        assertThat(completed.viewerIds()).containsExactlyInAnyOrder(teacher, student);
        assertThat(completed.title()).as("the replay is named after the lesson").isEqualTo("Violin with Sara");
        assertThat(completed.tracks()).hasSize(2);
        RecordingEvents.Track first = completed.tracks().get(0);
        assertThat(first.participantId()).isEqualTo(teacher);
        assertThat(first.role()).isEqualTo("host");
        assertThat(first.startedAt()).isEqualTo(teacherStart);
        assertThat(first.sizeBytes()).isEqualTo(teacherBytes.length);
        assertThat(first.sha256()).isEqualTo(MediaFiles.sha256(new ByteArrayInputStream(teacherBytes)));
        assertThat(first.partial()).isFalse();
        RecordingEvents.Track second = completed.tracks().get(1);
        assertThat(second.participantId()).isEqualTo(student);
        assertThat(second.sizeBytes()).isEqualTo(studentBytes.length);
        assertThat(second.sha256()).isEqualTo(MediaFiles.sha256(new ByteArrayInputStream(studentBytes)));
        assertThat(second.partial()).isTrue();
        assertThat(second.mimeType()).startsWith("video/webm");
        assertThat(second.storageKey()).startsWith("tracks/" + room + "/");

        tus(studentToken).head(emptyPath).then().statusCode(404);
        patch(studentToken, studentPath, studentBytes.length, MediaFiles.randomRecording(10)).then().statusCode(409)
                .body("type", containsString("upload-finished"));
        rooms.close(room);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> probe.eventsFor(room) == 1);
    }

    @Test
    void aRoomTheTeacherExtendedTakesTracksLongAfterItsBookedEndUntilRoomsClosesIt() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        // Booked to end 40 minutes ago: past end plus the 15 minutes' grace, but rooms has not closed it (extended).
        Instant endsAt = Instant.now().minus(Duration.ofMinutes(40)).truncatedTo(ChronoUnit.MILLIS);
        String room = rooms.open(teacher, student, endsAt.minus(Duration.ofMinutes(45)), endsAt);
        String studentToken = TestTokens.student(student, teacher);
        byte[] overrun = MediaFiles.randomRecording(12_000);

        String path = createdPath(create(studentToken, overrun.length, track(room)));
        patch(studentToken, path, 0, overrun).then().statusCode(204);
        rooms.close(room);

        await().atMost(EVENTS).until(() -> probe.completed("room-" + room) != null);
        RecordingEvents.Track track = probe.completed("room-" + room).tracks().get(0);
        assertThat(track.participantId()).isEqualTo(student);
        assertThat(track.sizeBytes()).isEqualTo(overrun.length);
        assertThat(track.partial()).isFalse();
    }

    @Test
    void aClosedRoomWithAGracePeriodIsFinalisedOnlyOnceTheGraceHasPassed() throws Exception {
        Duration grace = Duration.ofMinutes(2);
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String room = rooms.open(teacher, student);
        byte[] teacherBytes = MediaFiles.randomRecording(20_000);
        String teacherToken = TestTokens.teacher(teacher, student);
        String teacherPath = createdPath(create(teacherToken, teacherBytes.length, track(room)));
        patch(teacherToken, teacherPath, 0, teacherBytes).then().statusCode(204);
        byte[] studentBytes = MediaFiles.randomRecording(15_000);
        String studentToken = TestTokens.student(student, teacher);
        String studentPath = createdPath(createDeferred(studentToken, track(room)));
        patch(studentToken, studentPath, 0, studentBytes).then().statusCode(204);
        // The room closed (as room.closed records it) and is waiting out its grace period.
        Room closing = Room.byCode(room).orElseThrow();
        closing.closedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        closing.update();
        Instant closedAt = closing.closedAt;

        finaliser.finaliseDueRooms(closedAt.plus(grace).minusSeconds(1), grace);

        assertThat(Room.byCode(room).orElseThrow().finalisedAt).isNull();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> probe.eventsFor(room) == 0);

        assertThat(finaliser.finaliseDueRooms(closedAt.plus(grace), grace)).isGreaterThanOrEqualTo(1);

        assertThat(Room.byCode(room).orElseThrow().finalisedAt).isEqualTo(closedAt.plus(grace));
        await().atMost(EVENTS).until(() -> probe.completed("room-" + room) != null);
        RecordingEvents.RecordingCompleted completed = probe.completed("room-" + room);
        assertThat(completed.roomCode()).isEqualTo(room);
        assertThat(completed.ownerId()).isEqualTo(teacher);
        assertThat(completed.tracks()).extracting(RecordingEvents.Track::participantId)
                .containsExactlyInAnyOrder(teacher, student);
        assertThat(completed.tracks()).filteredOn(t -> t.participantId().equals(student)).singleElement()
                .satisfies(t -> assertThat(t.partial()).isTrue());
        finaliser.finaliseDueRooms(closedAt.plus(grace).plusSeconds(60), grace);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> probe.eventsFor(room) == 1);
    }

    @Test
    void aMaterialIsPublishedOnItsFinalByteForTheTeachersStudents() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher, "student-a", "student-b");
        byte[] bytes = MediaFiles.randomRecording(30_000);
        String path = createdPath(create(token, bytes.length, material("Scales in thirds")));
        String id = path.substring(path.lastIndexOf('/') + 1);

        patch(token, path, 0, java.util.Arrays.copyOf(bytes, 10_000)).then().statusCode(204);
        assertThat(probe.completed(id)).isNull();
        patch(token, path, 10_000, java.util.Arrays.copyOfRange(bytes, 10_000, 30_000)).then().statusCode(204);

        await().atMost(EVENTS).until(() -> probe.completed(id) != null);
        RecordingEvents.RecordingCompleted completed = probe.completed(id);
        assertThat(completed.kind()).isEqualTo("material");
        assertThat(completed.ownerId()).isEqualTo(teacher);
        assertThat(completed.viewerIds()).containsExactlyInAnyOrder("student-a", "student-b");
        assertThat(completed.title()).isEqualTo("Scales in thirds");
        assertThat(completed.roomCode()).isNull();
        assertThat(completed.tracks()).singleElement().satisfies(track -> {
            assertThat(track.sizeBytes()).isEqualTo(bytes.length);
            assertThat(track.sha256()).isEqualTo(sha256(bytes));
            assertThat(track.mimeType()).isEqualTo("video/mp4");
            assertThat(track.storageKey()).startsWith("materials/");
        });
        assertThat(Upload.<Upload>findById(id).state).isEqualTo(Upload.State.PUBLISHED);
    }

    @Test
    void aMaterialScopedToASeriesIsPublishedForThatSeriesStudentsOnly() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String token = TestTokens.teacher(teacher, "student-a", "student-b", "student-c");
        byte[] bytes = MediaFiles.randomRecording(20_000);
        var metadata = material("Tuesday warm-up");
        metadata.put("scope", "series");
        metadata.put("scopeSeriesId", "series-tuesdays");
        metadata.put("scopeStudentIds", "student-c, student-a");
        String path = createdPath(create(token, bytes.length, metadata));
        String id = path.substring(path.lastIndexOf('/') + 1);
        patch(token, path, 0, bytes).then().statusCode(204);

        await().atMost(EVENTS).until(() -> probe.completed(id) != null);
        RecordingEvents.RecordingCompleted completed = probe.completed(id);
        assertThat(completed.scope()).isEqualTo(new RecordingEvents.MaterialScope("series", "series-tuesdays", null,
                java.util.List.of("student-a", "student-c")));
        assertThat(completed.viewerIds()).containsExactly("student-a", "student-c");
    }

    @Test
    void aMaterialCannotBeScopedToSomeoneWhoIsNotTheTeachersStudent() {
        String token = TestTokens.teacher("t-" + UUID.randomUUID(), "student-a");
        var metadata = material("For someone else's student");
        metadata.put("scope", "students");
        metadata.put("scopeStudentIds", "student-a,student-of-another-teacher");
        create(token, 10, metadata).then().statusCode(422).contentType("application/problem+json")
                .body("type", containsString("invalid-scope"));
        var unshaped = material("A lesson without its id");
        unshaped.put("scope", "lesson");
        unshaped.put("scopeStudentIds", "student-a");
        create(token, 10, unshaped).then().statusCode(422).body("type", containsString("invalid-scope"));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return MediaFiles.sha256(new ByteArrayInputStream(bytes));
    }
}
