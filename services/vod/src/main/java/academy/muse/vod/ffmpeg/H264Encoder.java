package academy.muse.vod.ffmpeg;

import java.util.List;

/**
 * The H.264 encoders vod knows. The system ffmpeg of most distributions has libx264; the LGPL build bundled in
 * {@code org.bytedeco:ffmpeg} has only openh264, which has no quality (CRF) mode, so it gets a bitrate instead.
 */
public enum H264Encoder {

    LIBX264("libx264"),
    LIBOPENH264("libopenh264");

    private final String ffmpegName;

    H264Encoder(String ffmpegName) {
        this.ffmpegName = ffmpegName;
    }

    public String ffmpegName() {
        return ffmpegName;
    }

    /** The best encoder in an {@code ffmpeg -encoders} listing; libx264 compresses better at the same speed. */
    static H264Encoder preferredIn(String encoderListing) {
        for (H264Encoder encoder : List.of(LIBX264, LIBOPENH264)) {
            if (encoderListing.contains(" " + encoder.ffmpegName + " ")) {
                return encoder;
            }
        }
        return null;
    }
}
