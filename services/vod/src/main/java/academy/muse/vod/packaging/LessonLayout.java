package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.MediaProbe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lesson view as an ffmpeg filter graph: every participant in an equal tile (side by side, a grid beyond
 * {@code maxInRow}), each track shifted by how much later than the first it started, so that what the teacher
 * played and what the student heard line up; a participant who joined late or left early shows black. The audio
 * of all tracks is mixed without normalisation (a quiet student stays as loud as recorded), in stereo.
 *
 * <p>Its outputs are {@code [view]} and, when any track has audio, {@code [mix]}.
 */
record LessonLayout(String filterGraph, int width, int height, double durationSeconds, boolean hasAudio) {

    private static final double WIDEST_TILE = 16.0 / 9;
    private static final double NARROWEST_TILE = 4.0 / 3;

    static LessonLayout of(List<TrackInput> tracks, Encodings encodings, int maxInRow) {
        double duration = tracks.stream().mapToDouble(TrackInput::endSeconds).max().orElseThrow();
        List<MediaProbe.Video> videos = tracks.stream().flatMap(track -> track.probe().video().stream()).toList();
        int tileHeight = encodings.tileHeight(videos.stream().mapToInt(MediaProbe.Video::height).max().orElseThrow());
        double aspect = videos.stream().mapToDouble(video -> (double) video.width() / video.height()).max().orElseThrow();
        int tileWidth = Encodings.even(tileHeight * Math.max(NARROWEST_TILE, Math.min(WIDEST_TILE, aspect)));
        int columns = tracks.size() <= maxInRow ? tracks.size() : (int) Math.ceil(Math.sqrt(tracks.size()));
        int rows = (int) Math.ceil((double) tracks.size() / columns);

        List<String> chains = new ArrayList<>();
        List<String> audioLabels = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackInput track = tracks.get(i);
            chains.add(tile(i, track, tileWidth, tileHeight, encodings.frameRate(), duration));
            if (track.probe().audio().isPresent()) {
                chains.add(String.format(Locale.ROOT,
                        "[%d:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,adelay=%d:all=1[a%d]",
                        i, Math.round(track.offsetSeconds() * 1000), i));
                audioLabels.add("[a" + i + "]");
            }
        }
        chains.add(stack(tracks.size(), columns, tileWidth, tileHeight));
        if (!audioLabels.isEmpty()) {
            chains.add(String.join("", audioLabels) + (audioLabels.size() == 1 ? "anull"
                    : "amix=inputs=" + audioLabels.size() + ":duration=longest:normalize=0") + "[mix]");
        }
        return new LessonLayout(String.join(";", chains), tileWidth * columns, tileHeight * rows, duration,
                !audioLabels.isEmpty());
    }

    /** One participant's tile, padded with black before their start and after their end. */
    private static String tile(int index, TrackInput track, int width, int height, int frameRate, double duration) {
        if (track.probe().video().isEmpty()) {
            return String.format(Locale.ROOT, "color=c=black:s=%dx%d:r=%d:d=%.3f,format=yuv420p[v%d]",
                    width, height, frameRate, duration, index);
        }
        double after = Math.max(0, duration - track.endSeconds());
        return String.format(Locale.ROOT,
                "[%d:v]fps=%d,scale=%d:%d:force_original_aspect_ratio=decrease,"
                        + "pad=%d:%d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,"
                        + "tpad=start_duration=%.3f:stop_duration=%.3f:start_mode=add:stop_mode=add[v%d]",
                index, frameRate, width, height, width, height, track.offsetSeconds(), after, index);
    }

    private static String stack(int count, int columns, int tileWidth, int tileHeight) {
        StringBuilder inputs = new StringBuilder();
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.append("[v").append(i).append(']');
            positions.add((i % columns) * tileWidth + "_" + (i / columns) * tileHeight);
        }
        if (count == columns) {
            return inputs + "hstack=inputs=" + count + "[view]";
        }
        return inputs + "xstack=inputs=" + count + ":layout=" + String.join("|", positions) + ":fill=black[view]";
    }
}
