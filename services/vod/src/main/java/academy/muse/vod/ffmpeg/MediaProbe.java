package academy.muse.vod.ffmpeg;

import java.util.Optional;

/**
 * What ffprobe says about a media file: enough to choose between remux and transcode and to lay out the lesson.
 *
 * @param durationSeconds the longest stream's end
 */
public record MediaProbe(double durationSeconds, Optional<Video> video, Optional<Audio> audio) {

    public record Video(String codec, int width, int height) {
    }

    /** @param bitRate bits per second, 0 when the container does not say */
    public record Audio(String codec, int channels, int sampleRate, long bitRate) {
    }

    public boolean isH264() {
        return video.map(v -> "h264".equals(v.codec())).orElse(false);
    }
}
