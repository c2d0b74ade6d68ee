package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.MediaProbe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The lesson view as an ffmpeg filter graph: every participant in an equal tile (side by side, a grid beyond
 * {@code maxInRow}), each track shifted by how much later than the first it started, so that what the teacher
 * played and what the student heard line up; a participant who joined late or left early shows black. A
 * participant with several tracks (they reloaded the page, or changed camera) keeps one tile in which the tracks
 * follow each other, black in the gap between them. The audio of all tracks is mixed without normalisation (a
 * quiet student stays as loud as recorded), in stereo.
 *
 * <p>Its outputs are {@code [view]} and, when any track has audio, {@code [mix]}.
 */
record LessonLayout(String filterGraph, int width, int height, double durationSeconds, boolean hasAudio) {

    private static final double WIDEST_TILE = 16.0 / 9;
    private static final double NARROWEST_TILE = 4.0 / 3;

    /** The size and rhythm every tile is brought to. */
    private record Tile(int width, int height, int frameRate, double lessonSeconds) {
    }

    static LessonLayout of(List<TrackInput> tracks, Encodings encodings, int maxInRow) {
        double duration = tracks.stream().mapToDouble(TrackInput::endSeconds).max().orElseThrow();
        List<MediaProbe.Video> videos = tracks.stream().flatMap(track -> track.probe().video().stream()).toList();
        int tileHeight = encodings.tileHeight(videos.stream().mapToInt(MediaProbe.Video::height).max().orElseThrow());
        double aspect = videos.stream().mapToDouble(video -> (double) video.width() / video.height()).max().orElseThrow();
        Tile tile = new Tile(Encodings.even(tileHeight * Math.max(NARROWEST_TILE, Math.min(WIDEST_TILE, aspect))),
                tileHeight, encodings.frameRate(), duration);
        List<List<Integer>> participants = byParticipant(tracks);
        int columns = participants.size() <= maxInRow ? participants.size()
                : (int) Math.ceil(Math.sqrt(participants.size()));
        int rows = (int) Math.ceil((double) participants.size() / columns);

        List<String> chains = new ArrayList<>();
        for (int p = 0; p < participants.size(); p++) {
            chains.addAll(participantTile(p, participants.get(p), tracks, tile));
        }
        List<String> audioLabels = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            TrackInput track = tracks.get(i);
            if (track.probe().audio().isPresent()) {
                chains.add(String.format(Locale.ROOT,
                        "[%d:a]aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo,adelay=%d:all=1[a%d]",
                        i, Math.round(track.offsetSeconds() * 1000), i));
                audioLabels.add("[a" + i + "]");
            }
        }
        chains.add(stack(participants.size(), columns, tile));
        if (!audioLabels.isEmpty()) {
            chains.add(String.join("", audioLabels) + (audioLabels.size() == 1 ? "anull"
                    : "amix=inputs=" + audioLabels.size() + ":duration=longest:normalize=0") + "[mix]");
        }
        return new LessonLayout(String.join(";", chains), tile.width() * columns, tile.height() * rows, duration,
                !audioLabels.isEmpty());
    }

    /** Track indices grouped by participant, in the order participants first appear; each group by start. */
    private static List<List<Integer>> byParticipant(List<TrackInput> tracks) {
        Map<Object, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tracks.size(); i++) {
            Object key = tracks.get(i).participant() != null ? tracks.get(i).participant() : Integer.valueOf(i);
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        return groups.values().stream()
                .map(group -> group.stream().sorted(Comparator.comparingDouble(i -> tracks.get(i).offsetSeconds())).toList())
                .toList();
    }

    /**
     * One participant's tile {@code [v<p>]}: their tracks one after the other, black before the first, between
     * two and after the last. Where a track starts before the previous one ended (clocks of two recorders
     * disagree by a moment), the later one is cut at its start so the tile's timeline stays the lesson's.
     */
    private static List<String> participantTile(int p, List<Integer> indices, List<TrackInput> tracks, Tile tile) {
        List<String> chains = new ArrayList<>();
        double shownUntil = 0;
        for (int k = 0; k < indices.size(); k++) {
            TrackInput track = tracks.get(indices.get(k));
            double skip = Math.max(0, shownUntil - track.offsetSeconds());
            double blackBefore = Math.max(0, track.offsetSeconds() - shownUntil);
            shownUntil = Math.max(shownUntil, track.endSeconds());
            double blackAfter = k == indices.size() - 1 ? Math.max(0, tile.lessonSeconds() - shownUntil) : 0;
            chains.add(piece(indices.get(k), track, skip, tile) + String.format(Locale.ROOT,
                    ",tpad=start_duration=%.3f:stop_duration=%.3f:start_mode=add:stop_mode=add[v%dp%d]",
                    blackBefore, blackAfter, p, k));
        }
        String pieces = IntStream.range(0, indices.size()).mapToObj(k -> "[v" + p + "p" + k + "]")
                .reduce("", String::concat);
        chains.add(pieces + (indices.size() == 1 ? "null" : "concat=n=" + indices.size() + ":v=1:a=0") + "[v" + p + "]");
        return chains;
    }

    /** One track's pictures at the tile's size and rate (black for a track with sound only). */
    private static String piece(int input, TrackInput track, double skip, Tile tile) {
        if (track.probe().video().isEmpty()) {
            return String.format(Locale.ROOT, "color=c=black:s=%dx%d:r=%d:d=%.3f,format=yuv420p",
                    tile.width(), tile.height(), tile.frameRate(), track.probe().durationSeconds() - skip);
        }
        String cut = skip > 0 ? String.format(Locale.ROOT, "trim=start=%.3f,setpts=PTS-STARTPTS,", skip) : "";
        return String.format(Locale.ROOT,
                "[%d:v]%sfps=%d,scale=%d:%d:force_original_aspect_ratio=decrease,"
                        + "pad=%d:%d:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p",
                input, cut, tile.frameRate(), tile.width(), tile.height(), tile.width(), tile.height());
    }

    private static String stack(int count, int columns, Tile tile) {
        StringBuilder inputs = new StringBuilder();
        List<String> positions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            inputs.append("[v").append(i).append(']');
            positions.add((i % columns) * tile.width() + "_" + (i / columns) * tile.height());
        }
        if (count == 1) {
            return inputs + "null[view]";
        }
        if (count == columns) {
            return inputs + "hstack=inputs=" + count + "[view]";
        }
        return inputs + "xstack=inputs=" + count + ":layout=" + String.join("|", positions) + ":fill=black[view]";
    }
}
