package academy.muse.vod.ffmpeg;

import academy.muse.vod.config.VodConfig.FfmpegSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** vod finds an ffmpeg that works, or refuses to start with a message that says what to do. */
class FfmpegLocatorTest {

    @TempDir
    Path cache;

    @Test
    void theBundledFfmpegIsExtractedOnceAndEncodesH264WithOpenh264() {
        FfmpegLocator locator = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe");

        FfmpegTools tools = locator.locate(FfmpegSource.BUNDLED);
        FfmpegTools again = locator.locate(FfmpegSource.BUNDLED);

        assertThat(Files.isExecutable(tools.ffmpeg())).isTrue();
        assertThat(Files.isExecutable(tools.ffprobe())).isTrue();
        assertThat(tools.h264()).as("the LGPL build has no libx264").isEqualTo(H264Encoder.LIBOPENH264);
        assertThat(again.ffmpeg()).isEqualTo(tools.ffmpeg());
    }

    @Test
    void extractorsRacingInOneCacheNeverDeleteOrReplaceABinaryAnotherIsUsing() throws Exception {
        int extractors = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(extractors);
        try {
            List<Future<Object>> sampled = new ArrayList<>();
            for (int i = 0; i < extractors; i++) {
                sampled.add(pool.submit(() -> {
                    start.await();
                    FfmpegTools tools = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe").bundled();
                    // The identity of the file this extractor would run, taken the moment it has its tools.
                    return fileIdentity(tools.ffmpeg());
                }));
            }
            start.countDown();
            List<Object> identities = new ArrayList<>();
            for (Future<Object> identity : sampled) {
                identities.add(identity.get(5, TimeUnit.MINUTES));
            }

            FfmpegTools after = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe").bundled();
            assertThat(identities).as("every extractor runs the same file, never deleted and put back")
                    .containsOnly(fileIdentity(after.ffmpeg()));
            try (Stream<Path> left = Files.list(cache)) {
                assertThat(left.map(path -> path.getFileName().toString()))
                        .as("one shared directory, no staging copies left behind")
                        .containsExactly(after.ffmpeg().getParent().getFileName().toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aDirectoryInPlaceThatHoldsSomethingElseIsLeftAloneAndThisProcessUsesItsOwnCopy() throws Exception {
        FfmpegLocator locator = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe");
        Path shared = locator.bundled().ffmpeg().getParent();
        Files.writeString(shared.resolve("ffprobe"), "changed by hand");
        Object untouched = fileIdentity(shared.resolve("ffmpeg"));

        FfmpegTools tools = locator.bundled();

        assertThat(tools.ffmpeg().getParent()).isNotEqualTo(shared);
        assertThat(Files.isExecutable(tools.ffprobe())).isTrue();
        assertThat(fileIdentity(shared.resolve("ffmpeg"))).isEqualTo(untouched);
        assertThat(Files.readString(shared.resolve("ffprobe"))).isEqualTo("changed by hand");
    }

    private static Object fileIdentity(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    }

    @Test
    void theSystemFfmpegIsFoundOnThePath() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "no system ffmpeg installed");

        FfmpegTools tools = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe")
                .locate(FfmpegSource.SYSTEM);

        assertThat(tools.origin()).isEqualTo("system " + tools.ffmpeg());
        assertThat(tools.ffmpeg().getFileName()).hasToString("ffmpeg");
        assertThat(Files.isExecutable(tools.ffprobe())).isTrue();
    }

    @Test
    void withNeitherABundledNorASystemFfmpegStartUpFailsWithAClearMessage() {
        ClassLoader withoutBundle = new URLClassLoader(new URL[0], null);
        FfmpegLocator locator = new FfmpegLocator(withoutBundle, cache, "no-such-ffmpeg", "no-such-ffprobe");

        assertThatThrownBy(() -> locator.locate(FfmpegSource.AUTO))
                .isInstanceOf(FfmpegException.class)
                .hasMessageContaining("No working ffmpeg")
                .hasMessageContaining("org.bytedeco:ffmpeg")
                .hasMessageContaining("no-such-ffmpeg is not on PATH")
                .hasMessageContaining("apt-get install -y ffmpeg");
    }
}
