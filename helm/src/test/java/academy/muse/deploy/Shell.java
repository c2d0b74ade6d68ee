package academy.muse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the host's tools (ip, iptables, skopeo, umoci, runc, curl) and says clearly what failed. */
final class Shell {

    private Shell() {
    }

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}), stdout and stderr together. */
    static Result exec(int timeoutSeconds, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // The process was killed on timeout; what was read so far is reported.
                }
            });
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(1000);
                return new Result(124, "timed out after " + timeoutSeconds + " s: " + output);
            }
            reader.join(5000);
            return new Result(process.exitValue(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Result exec(List<String> command) {
        return exec(120, command);
    }

    /** Runs a command that must succeed; its output is the failure message otherwise. */
    static String run(String... command) {
        return run(600, command);
    }

    static String run(int timeoutSeconds, String... command) {
        Result result = exec(timeoutSeconds, List.of(command));
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + result.exitCode() + "): "
                    + result.output());
        }
        return result.output();
    }

    /** Runs a command inside a network namespace this test created. */
    static Result inNamespace(String namespace, int timeoutSeconds, String... command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return exec(timeoutSeconds, full);
    }

    /** Starts a long-running process with its output in a log file; the caller stops it. */
    static Process start(Path log, List<String> command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + command, e);
        }
    }
}
