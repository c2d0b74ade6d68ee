package academy.muse.localrun;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** devstack/bin/run-suite running as a child of the test, with every line it prints kept. */
final class SuiteProcess {

    private final Process process;
    private final Ports ports;
    private final Path runDirectory;
    private final List<String> lines = new ArrayList<>();

    private SuiteProcess(Process process, Ports ports, Path runDirectory) {
        this.process = process;
        this.ports = ports;
        this.runDirectory = runDirectory;
        Thread reader = new Thread(this::readOutput, "run-suite-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code run-suite --demo} on free ports with the jars already packaged (the build ran before this module). */
    static SuiteProcess start(Path root, Path runDirectory) throws IOException {
        for (String app : List.of("services/scheduling", "services/rooms", "services/signaling", "services/recordings",
                "services/vod", "gateway")) {
            Path jar = root.resolve(app).resolve("target/quarkus-app/quarkus-run.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: package every module first (mvn install -DskipTests)");
            }
        }
        Ports ports = Ports.free();
        ProcessBuilder builder = new ProcessBuilder(root.resolve("devstack/bin/run-suite").toString(), "--demo")
                .directory(root.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MUSE_PORT_BASE", String.valueOf(ports.base()));
        builder.environment().put("MUSE_RUN_DIR", runDirectory.toString());
        builder.environment().put("MUSE_SKIP_BUILD", "1");
        builder.environment().put("MUSE_START_TIMEOUT", "600");
        return new SuiteProcess(builder.start(), ports, runDirectory);
    }

    Ports ports() {
        return ports;
    }

    Path runDirectory() {
        return runDirectory;
    }

    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The first line that matches, waiting for it; fails at once when the script has exited without printing it. */
    String awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean exited = !process.isAlive();
            for (String line : output()) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            if (exited) {
                throw new AssertionError("run-suite exited (" + process.exitValue() + ") without the line; it printed:\n"
                        + String.join("\n", output()));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No such line after " + timeout + "; run-suite printed:\n" + String.join("\n", output()));
    }

    List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    /** Sends SIGTERM, as a service manager or {@code kill} does, and returns the exit status. */
    int terminate(Duration timeout) throws InterruptedException {
        // Through the handle: Process.destroy() also closes the script's output, which is not what a person's kill does.
        process.toHandle().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("run-suite still running " + timeout + " after SIGTERM");
        }
        return process.exitValue();
    }

    /** Whatever a failed test left running goes, so that no process outlives the test. */
    void killTree() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                System.out.println("[run-suite] " + line);
                synchronized (lines) {
                    lines.add(line);
                }
            }
        } catch (IOException closed) {
            // The script's output ends when it exits; what it printed is kept.
        }
    }
}
