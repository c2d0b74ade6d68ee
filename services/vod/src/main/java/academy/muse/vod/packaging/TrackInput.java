package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.MediaProbe;

import java.nio.file.Path;

/**
 * One participant's track, ready to be packaged: H.264/AAC in MP4.
 *
 * @param offsetSeconds how long after the earliest track of the lesson this one started
 * @param remuxed       true when the video was copied as recorded, false when it was transcoded
 */
public record TrackInput(Path file, MediaProbe probe, double offsetSeconds, boolean remuxed) {

    public double endSeconds() {
        return offsetSeconds + probe.durationSeconds();
    }
}
