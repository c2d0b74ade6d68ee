package academy.muse.vod.ffmpeg;

import java.nio.file.Path;

/**
 * A working pair of executables and what they can encode.
 *
 * @param origin where they came from, for the start-up log ("bundled 7.1-1.5.11", "system /usr/bin/ffmpeg")
 */
public record FfmpegTools(Path ffmpeg, Path ffprobe, H264Encoder h264, String origin) {
}
