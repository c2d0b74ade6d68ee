package academy.muse.vod.ffmpeg;

import java.util.Optional;

/**
 * What ffprobe says about a media file: enough to choose between remux and transcode and to lay out the lesson.
 *
 * @param durationSeconds the longest stream's end
 */
public record MediaProbe(double durationSeconds, Optional<Video> video, Optional<Audio> audio) {

    /** @param pixelFormat e.g. {@code yuv420p}; browsers decode H.264 only in 8-bit 4:2:0 */
    public record Video(String codec, int width, int height, String pixelFormat) {
    }

    /** @param bitRate bits per second, 0 when the container does not say */
    public record Audio(String codec, int channels, int sampleRate, long bitRate) {
    }

    /** H.264 that every browser plays as it is (8-bit 4:2:0), so it can be copied rather than transcoded. */
    public boolean isPlayableH264() {
        return video.map(v -> "h264".equals(v.codec())
                && ("yuv420p".equals(v.pixelFormat()) || "yuvj420p".equals(v.pixelFormat()))).orElse(false);
    }
}
