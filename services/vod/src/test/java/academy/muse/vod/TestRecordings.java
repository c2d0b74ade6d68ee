package academy.muse.vod;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.RecordingEvents.Track;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.job.PackagingJobs;
import academy.muse.vod.job.PackagingWorker;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.awaitility.Awaitility.await;

/**
 * Real recordings for tests, made with ffmpeg's test sources in the formats browsers record (MP4 with H.264 and
 * Opus, WebM with VP8 and Opus), stored in media storage and announced with {@code recording.completed} over
 * the real broker, exactly as recordings does.
 */
@ApplicationScoped
public class TestRecordings {

    public static final String TEACHER = "teacher-ko";
    public static final String STUDENT = "student-sara";
    /** The student started recording this much later than the teacher. */
    public static final Duration STUDENT_LATER = Duration.ofMillis(1500);
    public static final double TEACHER_SECONDS = 8;
    public static final double STUDENT_SECONDS = 7;

    private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

    private final Ffmpeg ffmpeg;
    private final MediaStorage storage;
    private final EventPublisher publisher;
    private final PackagingWorker worker;
    private final PackagingJobs jobs;
    private final Assets assets;

    TestRecordings(Ffmpeg ffmpeg, MediaStorage storage, EventPublisher publisher, PackagingWorker worker,
                   PackagingJobs jobs, Assets assets) {
        this.ffmpeg = ffmpeg;
        this.storage = storage;
        this.publisher = publisher;
        this.worker = worker;
        this.jobs = jobs;
        this.assets = assets;
    }

    /**
     * A lesson: the teacher's MP4 (H.264 + stereo Opus) and, 1.5 s later, the student's WebM (VP8 + Opus, with no
     * duration in its header, as MediaRecorder writes it).
     */
    public RecordingCompleted lesson(String lessonOccurrenceId) {
        String room = "ROOM-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-11-24T09:00:00Z");
        Track teacher = track(room, TEACHER, "host", teacherMp4(), "video/mp4", start);
        Track student = track(room, STUDENT, "participant", studentWebm(), "video/webm", start.plus(STUDENT_LATER));
        return new RecordingCompleted("rec-" + UUID.randomUUID(), "lesson-track", room, lessonOccurrenceId, TEACHER,
                List.of(TEACHER, STUDENT), "Violin, week 12", List.of(teacher, student));
    }

    /**
     * A lesson in which the student reloaded the page: their first track (WebM) stops when the page went away, and
     * a second one (MP4) starts {@link #RELOAD_GAP} after it ended; the teacher recorded throughout.
     */
    public RecordingCompleted lessonWithReload(String lessonOccurrenceId) {
        String room = "ROOM-" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.parse("2026-11-24T09:00:00Z");
        Instant studentAgain = start.plus(STUDENT_LATER).plusMillis((long) (STUDENT_SECONDS * 1000)).plus(RELOAD_GAP);
        Track teacher = track(room, TEACHER, "host", teacherMp4(), "video/mp4", start);
        Track before = track(room, STUDENT, "participant", studentWebm(), "video/webm", start.plus(STUDENT_LATER));
        Track after = track(room, STUDENT, "participant", teacherMp4(), "video/mp4", studentAgain);
        return new RecordingCompleted("rec-" + UUID.randomUUID(), "lesson-track", room, lessonOccurrenceId, TEACHER,
                List.of(TEACHER, STUDENT), "Violin, week 13", List.of(teacher, before, after));
    }

    /** How long the student's page was away in {@link #lessonWithReload}. */
    public static final Duration RELOAD_GAP = Duration.ofMillis(2000);

    /** A teacher's preview video: one MP4 track. */
    public RecordingCompleted material(String ownerId) {
        Track video = track("materials", ownerId, "host", teacherMp4(), "video/mp4", Instant.now());
        return new RecordingCompleted("rec-" + UUID.randomUUID(), Asset.KIND_MATERIAL, null, null, ownerId,
                List.of(), "Bowing exercise", List.of(video));
    }

    /** The same lesson recorded in another teacher's room: {@code teacherId} owns the replay and watches it. */
    public static RecordingCompleted ownedBy(RecordingCompleted lesson, String teacherId) {
        return new RecordingCompleted(lesson.recordingId(), lesson.kind(), lesson.roomCode(), lesson.lessonOccurrenceId(),
                teacherId, List.of(teacherId, STUDENT), lesson.title(), lesson.tracks());
    }

    /** A teacher's preview video for some of their students only. */
    public RecordingCompleted material(String ownerId, MaterialScope scope) {
        RecordingCompleted material = material(ownerId);
        return new RecordingCompleted(material.recordingId(), material.kind(), null, null, ownerId,
                scope.studentIds(), material.title(), material.tracks(), scope);
    }

    /** A recording whose only track points at nothing in storage: every attempt to package it fails. */
    public RecordingCompleted missingBytes() {
        Track ghost = new Track("up-" + UUID.randomUUID(), TEACHER, "host", "video/webm", "tracks/nowhere/ghost.webm",
                1000, "0", Instant.now(), true);
        return new RecordingCompleted("rec-" + UUID.randomUUID(), "lesson-track", "ROOM-GHOST", "lesson-ghost",
                TEACHER, List.of(TEACHER), "Lost lesson", List.of(ghost));
    }

    /**
     * A lesson whose only track claims to be an MP4 but holds {@code bytes} (a playlist, a manifest…), as an
     * attacker could upload it.
     */
    public RecordingCompleted pretendingToBeMp4(String bytes) {
        String key = "tracks/ROOM-FAKE/" + TEACHER + "-" + UUID.randomUUID() + ".mp4";
        long size = storage.write(key, new java.io.ByteArrayInputStream(bytes.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Track fake = new Track("up-" + UUID.randomUUID(), TEACHER, "host", "video/mp4", key, size, "unused",
                Instant.now(), false);
        return new RecordingCompleted("rec-" + UUID.randomUUID(), "lesson-track", "ROOM-FAKE", "lesson-fake",
                TEACHER, List.of(TEACHER), "Violin", List.of(fake));
    }

    /** A valid MP4 (H.264 + Opus) at a path of its own: packaging it would succeed, so nothing may read it. */
    public Path canary() {
        try {
            Path copy = Files.createTempDirectory("vod-canary").resolve("canary.mp4");
            return Files.copy(teacherMp4(), copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Announces the recording as recordings does: a {@code recording.completed} event through the outbox. */
    public String announce(RecordingCompleted recording) {
        return publisher.publish(Events.RECORDING_COMPLETED, recording.roomCode(), recording);
    }

    public String announce(RecordingCompleted recording, String eventId) {
        return publisher.publish(Events.RECORDING_COMPLETED, eventId, recording.roomCode(), recording);
    }

    /** Waits until the event has arrived and made a job. */
    public void awaitJob(RecordingCompleted recording) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> jobs.status(recording.recordingId()).isPresent());
    }

    /** Announces the recording and waits for its asset, still being packaged. */
    public Asset announced(RecordingCompleted recording) {
        announce(recording);
        awaitJob(recording);
        return assets.find(Assets.idFor(recording.recordingId())).orElseThrow();
    }

    /** Announces the recording and runs the worker (as its scheduled loop would) until the asset is ready. */
    public Asset packaged(RecordingCompleted recording) {
        announce(recording);
        awaitJob(recording);
        String assetId = Assets.idFor(recording.recordingId());
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            worker.processAvailable();
            return assets.find(assetId).map(Asset::isReady).orElse(false);
        });
        return assets.find(assetId).orElseThrow();
    }

    private Track track(String room, String participant, String role, Path file, String mimeType, Instant startedAt) {
        String key = "tracks/" + room + "/" + participant + "-" + UUID.randomUUID() + extension(file);
        try (InputStream in = Files.newInputStream(file)) {
            long size = storage.write(key, in);
            return new Track("up-" + UUID.randomUUID(), participant, role, mimeType, key, size, "unused", startedAt, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path teacherMp4() {
        return MADE.computeIfAbsent("teacher.mp4", name -> make(name, List.of(
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000",
                "-filter_complex", "[1:a][2:a]amerge=inputs=2[a]", "-map", "0:v", "-map", "[a]",
                "-t", String.valueOf(TEACHER_SECONDS),
                // MediaRecorder's H.264 has a keyframe every ~3.4 s; the remuxed package keeps that rhythm.
                "-c:v", ffmpeg.h264().ffmpegName(), "-g", "100", "-b:v", "400k", "-pix_fmt", "yuv420p",
                "-c:a", "libopus", "-b:a", "128k")));
    }

    private Path studentWebm() {
        return MADE.computeIfAbsent("student.webm", name -> make(name, List.of(
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30",
                "-f", "lavfi", "-i", "sine=frequency=550:sample_rate=48000",
                "-t", String.valueOf(STUDENT_SECONDS),
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "400k",
                "-c:a", "libopus", "-ac", "2", "-b:a", "128k",
                // Written as a stream, like MediaRecorder's WebM: no duration in its header.
                "-live", "1")));
    }

    private Path make(String name, List<String> arguments) {
        try {
            Path directory = Files.createTempDirectory("vod-test-recording");
            Path file = directory.resolve(name);
            List<String> all = new java.util.ArrayList<>(arguments);
            all.add(file.toString());
            ffmpeg.run(directory, all);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        return name.substring(name.lastIndexOf('.'));
    }
}
