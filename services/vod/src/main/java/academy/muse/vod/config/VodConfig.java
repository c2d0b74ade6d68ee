package academy.muse.vod.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** How vod packages recordings and serves them; every key is overridable by environment variable. */
@ConfigMapping(prefix = "muse.vod")
public interface VodConfig {

    /** Which ffmpeg runs the packaging. */
    enum FfmpegSource {
        /** The executables bundled in the {@code org.bytedeco:ffmpeg} jar, extracted at start. */
        BUNDLED,
        /** {@code ffmpeg}/{@code ffprobe} installed on the machine (see {@link Tools#systemFfmpeg()}). */
        SYSTEM,
        /** The bundled ones when they run here, else the system ones. */
        AUTO
    }

    /** {@code bundled}, {@code system} or {@code auto}; start-up fails with a clear message when none works. */
    @WithDefault("auto")
    FfmpegSource ffmpeg();

    Tools tools();

    Worker worker();

    Encoding encoding();

    Playback playback();

    Retention retention();

    interface Tools {

        /** The system ffmpeg: a name looked up on PATH or an absolute path. */
        @WithDefault("ffmpeg")
        String systemFfmpeg();

        /** The system ffprobe: a name looked up on PATH or an absolute path. */
        @WithDefault("ffprobe")
        String systemFfprobe();

        /** Where the bundled executables are extracted; reused across restarts. Default: the JVM's temp dir. */
        Optional<Path> cacheDirectory();

        /** The longest one ffmpeg run may take before it is killed and the job retried. */
        @WithDefault("2h")
        Duration runTimeout();
    }

    interface Worker {

        /** How often the worker looks for packaging jobs; {@code off} disables the loop (tests call it directly). */
        @WithDefault("5s")
        String every();

        /** How long a claimed job stays with its worker without a renewal; a dead worker's job is taken over after it. */
        @WithDefault("2m")
        Duration lease();

        /** Attempts before a job fails for good and {@code vod.failed} is published. */
        @WithDefault("4")
        int maxAttempts();

        /** The wait before the first retry; doubled for each further attempt. */
        @WithDefault("30s")
        Duration retryBackoff();

        /** The longest wait between two attempts. */
        @WithDefault("15m")
        Duration maxRetryBackoff();

        /** Scratch space for inputs and outputs while a job runs (deleted afterwards). Default: the JVM's temp dir. */
        Optional<Path> workDirectory();
    }

    interface Encoding {

        /** Segment length in seconds, and the keyframe interval of everything vod encodes. */
        @WithDefault("2")
        int segmentSeconds();

        /** AAC bitrate of every asset; music needs at least 192k in stereo. */
        @WithDefault("256k")
        String audioBitrate();

        /** The frame rate of the composed lesson view. */
        @WithDefault("30")
        int frameRate();

        /** The largest height of one participant's tile in the lesson view (smaller inputs are not upscaled). */
        @WithDefault("720")
        int tileHeight();

        /** The height of the rendition for weak networks. */
        @WithDefault("360")
        int lowHeight();

        /** libx264 quality (CRF) of the main rendition; lower is better. */
        @WithDefault("21")
        int x264Crf();

        /** libx264 preset; faster presets trade size for speed. */
        @WithDefault("veryfast")
        String x264Preset();

        /** openh264 has no CRF: its bitrate in bits per pixel and frame. */
        @WithDefault("0.1")
        double openh264BitsPerPixel();
    }

    interface Playback {

        /** How long signed playback URLs stay valid; long enough to watch a whole lesson. */
        @WithDefault("4h")
        Duration tokenLifetime();

        /**
         * The file holding the key that signs playback URLs (at least 32 bytes, the same on every replica), relative
         * to {@code muse.keys.directory} or absolute (the cluster mounts the Secret {@code muse-vod-keys} at
         * {@code /keys/vod}). vod refuses to start without it.
         */
        @WithDefault("vod/vod-media-key")
        String keyFile();
    }

    /**
     * How long replays and previews are kept, and what happens once they are deleted. The month counts and
     * {@code keep-originals} are the operator's defaults; each teacher may override them ({@code /api/vod/retention}).
     */
    interface Retention {

        /**
         * How long a deleted replay or preview keeps its media before the purge removes it (nobody may watch it in
         * the meantime); an operator can still restore the bytes from storage during this time.
         */
        @WithDefault("7d")
        Duration deletionGrace();

        /** Replays are deleted this many months after their lesson was recorded; absent keeps them for ever. */
        Optional<Integer> replaysMonths();

        /** Previews are deleted this many months after they were uploaded; absent keeps them for ever. */
        Optional<Integer> previewsMonths();

        /** Keep a lesson's original tracks after its replay is verified (recordings removes them otherwise). */
        @WithDefault("false")
        boolean keepOriginals();

        /** How often the retention run and the purge look for work; {@code off} disables both (tests call them). */
        @WithDefault("1h")
        String every();

        /** How long a claimed purge stays with its replica without finishing; a dead replica's purge is taken over after it. */
        @WithDefault("10m")
        Duration purgeLease();
    }
}
