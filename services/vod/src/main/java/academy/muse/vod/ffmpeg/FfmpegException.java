package academy.muse.vod.ffmpeg;

/** ffmpeg or ffprobe could not be run, or did not produce what was asked. */
public class FfmpegException extends RuntimeException {

    public FfmpegException(String message) {
        super(message);
    }

    public FfmpegException(String message, Throwable cause) {
        super(message, cause);
    }
}
