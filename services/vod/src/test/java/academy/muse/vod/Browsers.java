package academy.muse.vod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium playing a manifest with hls.js or the DASH-IF player, through {@code src/test/js/play.mjs}
 * (playwright-core). Installs the pinned npm packages on first use.
 */
final class Browsers {

    private static final Path PLAYERS = Path.of("src/test/js").toAbsolutePath();

    private Browsers() {
    }

    /** What the player reported: one JSON line with {@code currentTime}, {@code videoWidth}, {@code errors}. */
    record Playback(boolean reachedMark, String report) {
    }

    static Playback play(String player, String manifestUrl, int seconds) throws IOException, InterruptedException {
        installPlayers();
        Path output = Files.createTempFile("vod-player", ".json");
        Process process = new ProcessBuilder("node", "play.mjs", player, manifestUrl, String.valueOf(seconds))
                .directory(PLAYERS.toFile())
                .redirectOutput(output.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (!process.waitFor(150, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(player + " did not finish playing " + manifestUrl);
        }
        return new Playback(process.exitValue() == 0, Files.readString(output, StandardCharsets.UTF_8).strip());
    }

    private static synchronized void installPlayers() throws IOException, InterruptedException {
        if (Files.isDirectory(PLAYERS.resolve("node_modules/playwright-core"))) {
            return;
        }
        Process npm = new ProcessBuilder(List.of("npm", "ci", "--no-audit", "--no-fund"))
                .directory(PLAYERS.toFile())
                // Never hand the test JVM's stdin to npm: node makes it non-blocking, which breaks surefire's channel.
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            throw new IllegalStateException("npm ci in " + PLAYERS + " failed");
        }
    }
}
