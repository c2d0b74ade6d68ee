package academy.muse.vod.ffmpeg;

import academy.muse.vod.config.VodConfig.FfmpegSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

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
    void theSystemFfmpegIsFoundOnThePath() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "no system ffmpeg installed");

        FfmpegTools tools = new FfmpegLocator(getClass().getClassLoader(), cache, "ffmpeg", "ffprobe")
                .locate(FfmpegSource.SYSTEM);

        assertThat(tools.origin()).startsWith("system");
        assertThat(tools.h264()).isNotNull();
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
