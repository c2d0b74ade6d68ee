package academy.muse.recordings.retention;

import academy.muse.devstack.testing.TestTokens;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.RecordingProbe;
import academy.muse.recordings.support.Rooms;
import academy.muse.recordings.support.StorageEvents;
import academy.muse.recordings.upload.Upload;
import academy.muse.recordings.usage.QuotaLedger;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static academy.muse.recordings.support.TusRequests.create;
import static academy.muse.recordings.support.TusRequests.createdPath;
import static academy.muse.recordings.support.TusRequests.material;
import static academy.muse.recordings.support.TusRequests.patch;
import static academy.muse.recordings.support.TusRequests.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention of originals, run by a subclass on each kind of media storage: after the grace period exactly what the
 * policy names is gone, and every other stored object is still there byte for byte. Time is handed to the removal
 * job, so nothing sleeps through a grace period.
 */
abstract class OriginalsRetentionScenario {

    @Inject
    Rooms rooms;
    @Inject
    RecordingProbe probe;
    @Inject
    StorageEvents events;
    @Inject
    OriginalsRetention retention;
    @Inject
    MediaStorage storage;
    @Inject
    QuotaLedger ledger;
    @Inject
    RecordingsConfig config;

    @Test
    void afterTheGraceExactlyTheVerifiedLessonsTracksAreGoneAndEveryOtherObjectRemainsByteForByte() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String verified = recordLesson(teacher, student);
        String kept = recordLesson(teacher, student);
        String notYetVerified = recordLesson(teacher, student);
        String othersLesson = recordLesson("t-" + UUID.randomUUID(), student);
        uploadMaterial(teacher);
        Map<String, String> before = snapshot();
        long originals = ledger.originals(teacher);

        Instant verifiedAt = Instant.now();
        events.replayVerified(verified, teacher, false);
        events.replayVerified(kept, teacher, true);
        Duration grace = config.retention().originalsGrace();

        assertThat(retention.removeDue(verifiedAt.plus(grace).minusSeconds(60))).as("within the grace").isZero();
        assertThat(snapshot()).isEqualTo(before);

        Instant afterGrace = verifiedAt.plus(grace).plusSeconds(60);
        assertThat(removeAsTwoReplicas(afterGrace)).as("each track removed once, by one replica").isEqualTo(2);
        List<Upload> removed = Upload.ofRoom(verified);
        Map<String, String> expected = new TreeMap<>(before);
        removed.forEach(track -> expected.remove(track.storageKey));
        assertThat(expected).hasSize(before.size() - 2);
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(removed).allSatisfy(track -> assertThat(track.removedAt).isNotNull());
        assertThat(ledger.originals(teacher)).as("the removed bytes are given back")
                .isEqualTo(originals - removed.stream().mapToLong(Upload::reservedBytes).sum());
        assertThat(List.of(kept, notYetVerified, othersLesson)).allSatisfy(room ->
                assertThat(Upload.ofRoom(room)).allSatisfy(track -> assertThat(track.removedAt).isNull()));

        assertThat(retention.removeDue(afterGrace.plus(grace))).as("idempotent").isZero();
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(ledger.originals(teacher)).isEqualTo(originals - removed.stream().mapToLong(Upload::reservedBytes).sum());
    }

    @Test
    void aDeletedTeachersOriginalsGoAfterTheGraceAndNobodyElses() throws Exception {
        String teacher = "t-" + UUID.randomUUID();
        String student = "s-" + UUID.randomUUID();
        String lesson = recordLesson(teacher, student);
        String material = uploadMaterial(teacher);
        String othersLesson = recordLesson("t-" + UUID.randomUUID(), student);
        Map<String, String> before = snapshot();

        Instant deletedAt = Instant.now();
        events.accountDeleted(student, "student");
        events.accountDeleted(teacher, "teacher");
        assertThat(retention.removeDue(deletedAt.plus(config.retention().originalsGrace()).plusSeconds(60))).isEqualTo(3);

        Map<String, String> expected = new TreeMap<>(before);
        Upload.ofRoom(lesson).forEach(track -> expected.remove(track.storageKey));
        expected.remove(Upload.<Upload>findById(material).storageKey);
        assertThat(snapshot()).isEqualTo(expected);
        assertThat(ledger.originals(teacher)).isZero();
        assertThat(Upload.ofRoom(othersLesson)).allSatisfy(track -> assertThat(track.removedAt).isNull());
    }

    /** A lesson with a track by each participant, recorded and published; returns the room's code. */
    private String recordLesson(String teacher, String student) {
        String room = rooms.open(teacher, student);
        upload(TestTokens.teacher(teacher, student), track(room), 30_000);
        upload(TestTokens.student(student, teacher), track(room), 20_000);
        rooms.close(room);
        await().atMost(Duration.ofSeconds(30)).until(() -> probe.completed("room-" + room) != null);
        return room;
    }

    private String uploadMaterial(String teacher) {
        return upload(TestTokens.teacher(teacher), material("Scales"), 10_000);
    }

    private static String upload(String token, Map<String, String> metadata, int length) {
        String path = createdPath(create(token, length, metadata));
        patch(token, path, 0, MediaFiles.randomRecording(length)).then().statusCode(204);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private int removeAsTwoReplicas(Instant now) throws Exception {
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = () -> retention.removeDue(now);
            int removed = 0;
            for (Future<Integer> done : replicas.invokeAll(List.of(run, run))) {
                removed += done.get();
            }
            return removed;
        } finally {
            replicas.shutdownNow();
        }
    }

    /** Every stored object's SHA-256 by key. */
    private Map<String, String> snapshot() {
        Map<String, String> objects = new TreeMap<>();
        for (StoredObject object : storage.list("")) {
            try {
                objects.put(object.key(), MediaFiles.sha256(storage.read(object.key())));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return objects;
    }
}
