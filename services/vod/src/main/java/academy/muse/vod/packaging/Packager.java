package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.ffmpeg.FfmpegException;
import academy.muse.vod.ffmpeg.Inputs;
import academy.muse.vod.ffmpeg.MediaProbe;
import academy.muse.vod.packaging.Encodings.Keyframes;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes one asset's package in a single ffmpeg run: DASH and HLS over the same fMP4 segments, a main and a low
 * (weak network) video rendition, one stereo AAC audio, and a poster image.
 *
 * <p>One track (a material, or a lesson only one participant recorded) keeps its H.264 as the main rendition
 * and the low rendition takes its keyframes from it, so the two cut segments at the same instants. Several
 * tracks become the lesson view: tiles side by side, each shifted by its start stamp, audio mixed.
 */
@ApplicationScoped
public class Packager {

    /** Tiles per row before the lesson view becomes a grid. */
    private static final int MAX_TILES_IN_A_ROW = 3;

    private final Ffmpeg ffmpeg;
    private final Encodings encodings;

    Packager(Ffmpeg ffmpeg, Encodings encodings) {
        this.ffmpeg = ffmpeg;
        this.encodings = encodings;
    }

    /** The package's shape, for the asset's description. */
    public record Packaged(double durationSeconds, int width, int height, int lowHeight, boolean composed) {
    }

    public Packaged packageTracks(List<TrackInput> tracks, Path outputDirectory) {
        if (tracks.stream().noneMatch(track -> track.probe().video().isPresent())) {
            throw new FfmpegException("no track has video");
        }
        return tracks.size() == 1 ? single(tracks.get(0), outputDirectory) : composed(tracks, outputDirectory);
    }

    private Packaged single(TrackInput track, Path out) {
        MediaProbe.Video video = track.probe().video().orElseThrow();
        double duration = track.probe().durationSeconds();
        int lowHeight = encodings.lowHeight(video.height());
        String graph = "[0:v]scale=-2:" + lowHeight + ",setsar=1[low]";
        boolean withAudio = track.probe().audio().isPresent();
        List<String> arguments = new ArrayList<>(Inputs.normalised(track.file()));
        arguments.addAll(List.of("-filter_complex", graph,
                "-map", "0:v:0", "-map", "[low]"));
        if (withAudio) {
            arguments.addAll(List.of("-map", "0:a:0", "-c:a", "copy"));
        }
        arguments.addAll(List.of("-c:v:0", "copy"));
        // The copied video keeps the recorder's keyframes; the low rendition follows them exactly.
        arguments.addAll(encodings.h264(1, lowWidth(video.width(), video.height(), lowHeight), lowHeight, true,
                Keyframes.AS_SOURCE));
        finish(arguments, out, withAudio);
        ffmpeg.run(out, arguments);
        poster(Inputs.normalised(track.file()), "[0:v]", duration, lowHeight, out);
        return new Packaged(duration, video.width(), video.height(), lowHeight, false);
    }

    private Packaged composed(List<TrackInput> tracks, Path out) {
        LessonLayout layout = LessonLayout.of(tracks, encodings, MAX_TILES_IN_A_ROW);
        int lowHeight = encodings.lowHeight(layout.height());
        String graph = layout.filterGraph()
                + ";[view]split=2[main][lowin]"
                + ";[lowin]scale=-2:" + lowHeight + ",setsar=1[low]";
        List<String> inputs = new ArrayList<>();
        tracks.forEach(track -> inputs.addAll(Inputs.normalised(track.file())));
        List<String> arguments = new ArrayList<>(inputs);
        arguments.addAll(List.of("-filter_complex", graph, "-map", "[main]", "-map", "[low]"));
        boolean withAudio = layout.hasAudio();
        if (withAudio) {
            arguments.addAll(List.of("-map", "[mix]"));
            arguments.addAll(encodings.aac());
        }
        arguments.addAll(encodings.h264(0, layout.width(), layout.height(), false, Keyframes.EVERY_SEGMENT));
        arguments.addAll(encodings.h264(1, lowWidth(layout.width(), layout.height(), lowHeight), lowHeight, true,
                Keyframes.EVERY_SEGMENT));
        finish(arguments, out, withAudio);
        ffmpeg.run(out, arguments);
        poster(inputs, layout.filterGraph() + (withAudio ? ";[mix]anullsink" : "") + ";[view]",
                layout.durationSeconds(), lowHeight, out);
        return new Packaged(layout.durationSeconds(), layout.width(), layout.height(), lowHeight, true);
    }

    private void finish(List<String> arguments, Path out, boolean withAudio) {
        arguments.addAll(encodings.dashAndHls(withAudio, out.resolve(PackageFiles.DASH_MANIFEST).toString()));
    }

    /**
     * The poster, in its own ffmpeg run that decodes only up to the poster's frame. Not a third output of the
     * packaging run: there, ffmpeg 7.1 (the bundled one) holds every frame before the poster's instant in memory,
     * about 2.8 MB per frame of a two-tile 720p view, so a ten-minute lesson needed ~19 GB and was killed.
     */
    private void poster(List<String> inputs, String graphUpToVideo, double durationSeconds, int height, Path out) {
        List<String> arguments = new ArrayList<>(inputs);
        arguments.addAll(List.of("-filter_complex", graphUpToVideo + posterFilter(durationSeconds, height) + "[poster]",
                "-map", "[poster]", "-frames:v", "1", "-q:v", "3", out.resolve(PackageFiles.POSTER).toString()));
        ffmpeg.run(out, arguments);
    }

    /** A frame a third into the recording: past the fumbling with the camera at the start. */
    private static String posterFilter(double durationSeconds, int height) {
        return String.format(Locale.ROOT, "trim=start=%.3f,scale=-2:%d,setsar=1", durationSeconds / 3, height);
    }

    private static int lowWidth(int width, int height, int lowHeight) {
        return Encodings.even((double) width * lowHeight / height);
    }
}
