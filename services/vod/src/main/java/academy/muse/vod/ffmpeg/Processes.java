package academy.muse.vod.ffmpeg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program to its end. Output goes to files rather than pipes, so a chatty ffmpeg can never block
 * on a full pipe and no reader thread is needed.
 */
final class Processes {

    private static final int TAIL_LINES = 12;

    private Processes() {
    }

    /** The program's standard output; its standard error is kept in {@code errorLog}. */
    static String run(List<String> command, Path errorLog, Duration timeout) {
        Path output = errorLog.resolveSibling(errorLog.getFileName() + ".out");
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(output.toFile())
                    .redirectError(errorLog.toFile())
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new FfmpegException(command.get(0) + " did not finish within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new FfmpegException(command.get(0) + " exited with " + process.exitValue() + ": " + tail(errorLog));
            }
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new FfmpegException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FfmpegException(command.get(0) + " was interrupted", e);
        } finally {
            deleteQuietly(output);
        }
    }

    /** The last lines of a log: where ffmpeg says what went wrong. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File("/dev/null");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover scratch file is harmless: the work directory is removed after each job.
        }
    }
}
