package academy.muse.vod.packaging;

import academy.muse.vod.config.VodConfig;
import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.ffmpeg.H264Encoder;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** The ffmpeg arguments for the codecs of every asset: H.264 with regular keyframes, and stereo AAC for music. */
@ApplicationScoped
public class Encodings {

    private static final int LOW_QUALITY_CRF_OFFSET = 3;

    private final VodConfig.Encoding config;
    private final H264Encoder encoder;

    Encodings(VodConfig config, Ffmpeg ffmpeg) {
        this.config = config.encoding();
        this.encoder = ffmpeg.h264();
    }

    /** Where an encoder puts keyframes: HLS and DASH segments start on one, in every rendition at the same instants. */
    public enum Keyframes {
        /** One every segment length. */
        EVERY_SEGMENT,
        /** Wherever the input had one: a rendition beside a copied video then cuts where the copy cuts. */
        AS_SOURCE
    }

    /** H.264 for output video stream {@code index} of {@code width}×{@code height}. */
    public List<String> h264(int index, int width, int height, boolean low, Keyframes keyframes) {
        String stream = ":v:" + index;
        String forced = keyframes == Keyframes.AS_SOURCE ? "source" : "expr:gte(t,n_forced*" + config.segmentSeconds() + ")";
        List<String> arguments = new ArrayList<>(List.of("-c" + stream, encoder.ffmpegName(), "-pix_fmt" + stream, "yuv420p",
                "-force_key_frames" + stream, forced));
        if (keyframes == Keyframes.AS_SOURCE) {
            // Keep the recorder's own (variable) frame timing: a constant-rate grid would move keyframes by a frame.
            arguments.addAll(List.of("-fps_mode" + stream, "passthrough"));
        }
        if (encoder == H264Encoder.LIBX264) {
            int crf = config.x264Crf() + (low ? LOW_QUALITY_CRF_OFFSET : 0);
            arguments.addAll(List.of("-preset" + stream, config.x264Preset(), "-crf" + stream, String.valueOf(crf)));
        } else {
            long bitsPerSecond = Math.round((double) width * height * config.frameRate() * config.openh264BitsPerPixel());
            arguments.addAll(List.of("-b" + stream, String.valueOf(bitsPerSecond)));
        }
        return arguments;
    }

    /** Stereo AAC at the configured bitrate for every audio stream. */
    public List<String> aac() {
        return List.of("-c:a", "aac", "-b:a", config.audioBitrate(), "-ac", "2", "-ar", "48000");
    }

    /** One run writes DASH and, over the same fMP4 segments, HLS ({@code master.m3u8}). */
    public List<String> dashAndHls(boolean withAudio, String manifest) {
        return List.of("-f", "dash", "-seg_duration", String.valueOf(config.segmentSeconds()),
                "-use_template", "1", "-use_timeline", "1",
                "-adaptation_sets", withAudio ? "id=0,streams=v id=1,streams=a" : "id=0,streams=v",
                "-hls_playlist", "1", "-hls_master_name", PackageFiles.HLS_MASTER, manifest);
    }

    public int lowHeight(int sourceHeight) {
        return even(Math.min(config.lowHeight(), sourceHeight));
    }

    public int tileHeight(int largestSourceHeight) {
        return even(Math.min(config.tileHeight(), largestSourceHeight));
    }

    public int frameRate() {
        return config.frameRate();
    }

    static int even(double value) {
        return Math.max(2, 2 * (int) Math.round(value / 2));
    }
}
