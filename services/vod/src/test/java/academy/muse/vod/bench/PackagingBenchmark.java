package academy.muse.vod.bench;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.contracts.events.RecordingEvents.Track;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.config.VodConfig;
import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.ffmpeg.H264Encoder;
import academy.muse.vod.job.RecordingPackager;
import academy.muse.vod.packaging.Packager;
import academy.muse.vod.packaging.TrackInput;
import academy.muse.vod.packaging.TrackNormaliser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speed of vod's packaging of a 720p two-track lesson, in × realtime, beside the very same ffmpeg commands run
 * directly. Not a test (its name keeps it out of {@code mvn test}); {@code bench/vod/run.sh} runs it and writes
 * the report to {@code bench/results/}.
 *
 * <p>Each stage runs once through vod and once directly (a 10-minute lesson is too long for more within
 * {@code make bench}'s budget). The whole job ({@code -Dbench.whole-job=true}) runs once more through vod; its
 * baseline is the sum of the stages' direct runs, which are the same ffmpeg commands.
 */
@QuarkusTest
@TestProfile(PackagingBenchmark.Lesson720p.class)
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class PackagingBenchmark {

    /** Production encoding settings (the test profile shrinks tiles to keep tests fast). */
    public static class Lesson720p implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("muse.vod.encoding.tile-height", "720", "muse.vod.encoding.low-height", "360",
                    "quarkus.log.category.\"academy.muse.vod.ffmpeg\".level", "DEBUG");
        }
    }

    private static final double STUDENT_LATER_SECONDS = 1.5;

    @Inject
    Ffmpeg ffmpeg;
    @Inject
    TrackNormaliser normaliser;
    @Inject
    Packager packager;
    @Inject
    RecordingPackager recordingPackager;
    @Inject
    MediaStorage storage;
    @Inject
    VodConfig config;

    private final List<List<String>> commands = new CopyOnWriteArrayList<>();

    /** One stage's wall-clock seconds per run, through vod and run directly; the figures are the medians. */
    private record Stage(String name, List<Double> vodRuns, List<Double> directRuns) {

        Stage(String name, double vodSeconds, double directSeconds) {
            this(name, List.of(vodSeconds), List.of(directSeconds));
        }

        double vodSeconds() {
            return median(vodRuns);
        }

        double directSeconds() {
            return median(directRuns);
        }

        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            int middle = sorted.size() / 2;
            return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
        }
    }

    /** Something vod does in a stage; {@code run} counts from 0, so each run can write where no other did. */
    @FunctionalInterface
    private interface ByVod {
        void run(int run) throws Exception;
    }

    /** How many times each stage runs through vod and directly (alternating); {@code bench.runs}. */
    private int runs;

    @Test
    void measure() throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 600);
        boolean wholeJob = Boolean.getBoolean("bench.whole-job");
        runs = Integer.getInteger("bench.runs", 1);
        Path report = Path.of(System.getProperty("bench.report", "target/vod-bench.md"));
        Path work = Files.createTempDirectory("vod-bench");
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        long sourcesStarted = System.nanoTime();
        Path sources = Path.of(System.getProperty("bench.sources", work.resolve("sources").toString()))
                .resolve(seconds + "s-" + ffmpeg.h264().ffmpegName());
        Path teacher = source(sources.resolve("teacher.mp4"), seconds, "testsrc2=size=1280x720:rate=30",
                List.of("-c:v", ffmpeg.h264().ffmpegName(), "-g", "100", "-b:v", "2500k", "-pix_fmt", "yuv420p"));
        Path student = source(sources.resolve("student.webm"), seconds, "testsrc=size=1280x720:rate=30",
                List.of("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "2500k"));
        double sourcesSeconds = (System.nanoTime() - sourcesStarted) / 1e9;
        captureFfmpegCommands();

        List<Stage> stages = new ArrayList<>();
        TrackInput[] normalised = new TrackInput[2];
        stages.add(stage("remux (H.264 MP4 → copy + AAC)", run -> normalised[0] = normaliser.normalise(teacher, work.resolve("t.mp4"), 0)));
        stages.add(stage("transcode (VP8 WebM → H.264 + AAC)", run -> normalised[1] = normaliser.normalise(student, work.resolve("s.mp4"), STUDENT_LATER_SECONDS)));
        Path packaged = work.resolve("package");
        stages.add(stage("composition + packaging (lesson view, 2 renditions, DASH+HLS, poster)",
                run -> packager.packageTracks(List.of(normalised[0], normalised[1]),
                        Files.createDirectories(packaged.resolve("run-" + run)))));
        if (wholeJob) {
            stages.add(wholeJob(teacher, student, work, stages));
        }

        write(report, seconds, load, sourcesSeconds, stages);
        String benchWork = System.getProperty("bench.work");
        if (benchWork != null) {
            writeForMakeBench(Path.of(benchWork), seconds, stages);
        }
        assertThat(Files.exists(packaged.resolve("run-0").resolve("manifest.mpd"))).isTrue();
        deleteRecursively(work);
    }

    /** A ten-minute lesson leaves about a gigabyte of tracks and packages: none of it is kept. */
    private void deleteRecursively(Path directory) throws IOException {
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Times vod doing it, then the ffmpeg commands vod ran, run directly; {@link #runs} times, alternating. */
    private Stage stage(String name, ByVod byVod) throws Exception {
        List<Double> vodRuns = new ArrayList<>();
        List<Double> directRuns = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            commands.clear();
            long start = System.nanoTime();
            byVod.run(run);
            vodRuns.add((System.nanoTime() - start) / 1e9);
            directRuns.add(runDirectly(List.copyOf(commands)));
        }
        return new Stage(name, vodRuns, directRuns);
    }

    /**
     * The whole job as the worker runs it: fetch from and store to media storage, probes, every ffmpeg run. Its
     * ffmpeg commands are the stages' (on other paths), so their direct times are its baseline.
     */
    private Stage wholeJob(Path teacher, Path student, Path work, List<Stage> stages) throws Exception {
        String room = "BENCH-" + UUID.randomUUID().toString().substring(0, 6);
        Instant start = Instant.now();
        RecordingCompleted recording = new RecordingCompleted("bench-" + UUID.randomUUID(), "lesson-track", room, "bench",
                "teacher", List.of("teacher", "student"), "bench",
                List.of(stored(room, teacher, start), stored(room, student, start.plusMillis((long) (STUDENT_LATER_SECONDS * 1000)))));
        Path jobDirectory = Files.createDirectories(work.resolve("job"));
        Supplier<RecordingPackager.StoredPackage> job = () -> recordingPackager.packageRecording(recording, "bench-asset",
                "run", jobDirectory);
        long jobStarted = System.nanoTime();
        RecordingPackager.StoredPackage stored = job.get();
        double jobSeconds = (System.nanoTime() - jobStarted) / 1e9;
        for (String prefix : List.of("tracks/" + room + "/", stored.storagePrefix())) {
            storage.list(prefix).forEach(object -> storage.delete(object.key()));
        }
        return new Stage("whole job (storage in/out, probes, 3 ffmpeg runs)", jobSeconds,
                stages.stream().mapToDouble(Stage::directSeconds).sum());
    }

    private Track stored(String room, Path file, Instant startedAt) throws IOException {
        String key = "tracks/" + room + "/" + file.getFileName();
        try (InputStream in = Files.newInputStream(file)) {
            long size = storage.write(key, in);
            return new Track(UUID.randomUUID().toString(), "p", "host", "video/mp4", key, size, "-", startedAt, false);
        }
    }

    private double runDirectly(List<List<String>> ffmpegCommands) throws Exception {
        long start = System.nanoTime();
        for (List<String> command : ffmpegCommands) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void captureFfmpegCommands() {
        Logger logger = Logger.getLogger(Ffmpeg.class.getName());
        logger.setLevel(Level.FINE);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                Object[] parameters = record.getParameters();
                if (parameters != null && parameters.length == 1 && parameters[0] instanceof List<?> command) {
                    commands.add(command.stream().map(String::valueOf).toList());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    /**
     * A test source of {@code seconds}: one minute generated and encoded, then repeated by stream copy (encoding
     * ten minutes of test pattern would take longer than packaging them). Kept in {@code bench.sources}, so a
     * second run reuses it.
     */
    private Path source(Path file, int seconds, String videoSource, List<String> videoCodec) throws IOException {
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(file.getParent());
        int clipSeconds = Math.min(seconds, 60);
        String name = file.getFileName().toString();
        Path clip = file.resolveSibling("clip-" + name);
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", videoSource,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000",
                "-filter_complex", "[1:a][2:a]amerge=inputs=2[a]", "-map", "0:v", "-map", "[a]", "-t", String.valueOf(clipSeconds)));
        arguments.addAll(videoCodec);
        arguments.addAll(List.of("-c:a", "libopus", "-b:a", "128k", clip.toString()));
        ffmpeg.run(file.getParent(), arguments);
        Path partial = file.resolveSibling("partial-" + name);
        int loops = (seconds + clipSeconds - 1) / clipSeconds - 1;
        ffmpeg.run(file.getParent(), List.of("-stream_loop", String.valueOf(loops), "-i", clip.toString(),
                "-c", "copy", "-t", String.valueOf(seconds), partial.toString()));
        Files.delete(clip);
        return Files.move(partial, file);
    }

    /** The H.264 encoder vod uses, with the settings that decide its speed. */
    private String encoder() {
        return ffmpeg.h264() == H264Encoder.LIBX264
                ? "libx264 preset " + config.encoding().x264Preset() + ", CRF " + config.encoding().x264Crf()
                : ffmpeg.h264().ffmpegName() + " at " + config.encoding().openh264BitsPerPixel() + " bit/pixel";
    }

    /** The figures in the shape {@code make bench} gathers ({@code bench/work/results/vod.json}). */
    private void writeForMakeBench(Path work, int seconds, List<Stage> stages) throws IOException {
        List<Map<String, Object>> figures = stages.stream().map(stage -> Map.<String, Object>of(
                "name", stage.name(), "unit", "× realtime",
                "values", stage.vodRuns().stream().map(run -> seconds / run).toList(),
                "baselineName", "the same ffmpeg commands run directly",
                "baselineValues", stage.directRuns().stream().map(run -> seconds / run).toList(),
                "lowerIsBetter", false)).toList();
        Map<String, Object> result = Map.of("benchmark", "vod",
                "description", String.format(Locale.ROOT, "packaging a 720p two-track lesson of %d s (%s, %s)",
                        seconds, ffmpeg.tools().origin(), encoder()),
                "measuredAt", Instant.now().toString(), "figures", figures);
        Path file = work.resolve("results").resolve("vod.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
    }

    private void write(Path report, int seconds, double load, double sourcesSeconds, List<Stage> stages) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# vod packaging speed, ").append(LocalDate.now(ZoneOffset.UTC)).append("\n\n");
        md.append(String.format(Locale.ROOT, "A two-track lesson, %d s each: the teacher's 1280x720 H.264 + stereo Opus MP4, "
                + "the student's 1280x720 VP8 + Opus WebM starting %.1f s later. ffmpeg: %s, H.264 encoder %s. "
                + "Machine: %d cores, load average %.1f at start (shared with other work).%n%n",
                seconds, STUDENT_LATER_SECONDS, ffmpeg.tools().origin(), encoder(),
                Runtime.getRuntime().availableProcessors(), load));
        md.append("| stage | vod (s) | × realtime | same ffmpeg commands directly (s) | × realtime | overhead (vod / direct) |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Stage stage : stages) {
            md.append(String.format(Locale.ROOT, "| %s | %.1f | %.2f | %.1f | %.2f | %.3f |%n", stage.name(), stage.vodSeconds(),
                    seconds / stage.vodSeconds(), stage.directSeconds(), seconds / stage.directSeconds(),
                    stage.vodSeconds() / stage.directSeconds()));
        }
        md.append("\n\"× realtime\" is lesson seconds per wall-clock second (the composed lesson is ")
                .append(String.format(Locale.ROOT, "%.1f", seconds + STUDENT_LATER_SECONDS))
                .append(" s; the table uses the track length). vod's time includes its ffprobe calls and, for the whole job, ")
                .append("copying the tracks from media storage and the package into it; the whole job's direct time is ")
                .append("the sum of the stages' (the same commands). Medians of ").append(runs)
                .append(runs == 1 ? " run" : " runs").append(" of each, through vod and directly in turn. ")
                .append(String.format(Locale.ROOT, "Test sources: %.0f s (0 when reused from an earlier run).%n", sourcesSeconds));
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, md.toString());
    }
}
