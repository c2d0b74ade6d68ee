package academy.muse.recordings.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The real tus-js-client from npm, run by Node ({@code src/test/js/upload.mjs}); installs it with {@code npm ci}
 * the first time. Each upload is one Node process whose report lines the test reads.
 */
public final class TusJsClient implements AutoCloseable {

    private static final Path SCRIPTS = Path.of("src/test/js").toAbsolutePath();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private TusJsClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readReports, "tus-js-client-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Options as upload.mjs reads them. */
    public static Map<String, Object> options(String endpoint, Path file, String token, Map<String, String> metadata,
                                              int chunkSize) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("endpoint", endpoint);
        options.put("file", file.toAbsolutePath().toString());
        options.put("token", token);
        options.put("metadata", metadata);
        options.put("chunkSize", chunkSize);
        return options;
    }

    public static TusJsClient upload(Map<String, Object> options) {
        installOnce();
        try {
            Path optionsFile = Files.createTempFile("tus-options", ".json");
            Files.writeString(optionsFile, new ObjectMapper().writeValueAsString(options));
            Process process = new ProcessBuilder("node", SCRIPTS.resolve("upload.mjs").toString(), optionsFile.toString())
                    .directory(SCRIPTS.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new TusJsClient(process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the next report line; fails the test when none comes in time. */
    public String next(Duration timeout) throws InterruptedException {
        String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            throw new AssertionError("tus-js-client reported nothing within " + timeout);
        }
        return line;
    }

    /** Reads reports until the upload is done (returns its URL) or failed (throws). */
    public String awaitDone(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith("done ")) {
                return line.substring(5);
            }
            if (line.startsWith("error ")) {
                throw new AssertionError("tus-js-client failed: " + line);
            }
        }
    }

    /** Reads reports until the server acknowledged at least {@code offset} bytes. */
    public long awaitAcknowledged(long offset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith("chunk ") && Long.parseLong(line.substring(6)) >= offset) {
                return Long.parseLong(line.substring(6));
            }
            if (line.startsWith("done ") || line.startsWith("error ")) {
                throw new AssertionError("the upload ended before " + offset + " bytes: " + line);
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readReports() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line.trim());
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    private static synchronized void installOnce() {
        if (Files.isDirectory(SCRIPTS.resolve("node_modules/tus-js-client"))) {
            return;
        }
        try {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(SCRIPTS.toFile())
                    // Never hand the test JVM's stdin to npm: node makes it non-blocking, which breaks surefire's channel.
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + SCRIPTS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
