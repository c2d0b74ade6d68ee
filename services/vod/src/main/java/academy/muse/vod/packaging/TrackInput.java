package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.MediaProbe;

import java.nio.file.Path;

/**
 * One participant's track, ready to be packaged: H.264/AAC in MP4.
 *
 * @param offsetSeconds how long after the earliest track of the lesson this one started
 * @param remuxed       true when the video was copied as recorded, false when it was transcoded
 * @param participant   whose track it is; a participant's tracks (a reload or a new camera starts a new one)
 *                      share one tile of the lesson view. Null when unknown: the track gets a tile of its own.
 */
public record TrackInput(Path file, MediaProbe probe, double offsetSeconds, boolean remuxed, String participant) {

    public TrackInput(Path file, MediaProbe probe, double offsetSeconds, boolean remuxed) {
        this(file, probe, offsetSeconds, remuxed, null);
    }

    public TrackInput of(String participantId) {
        return new TrackInput(file, probe, offsetSeconds, remuxed, participantId);
    }

    public double endSeconds() {
        return offsetSeconds + probe.durationSeconds();
    }
}
