package academy.muse.vod.packaging;

import academy.muse.vod.ffmpeg.Ffmpeg;
import academy.muse.vod.ffmpeg.Inputs;
import academy.muse.vod.ffmpeg.MediaProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one recorded track into H.264/AAC in MP4. H.264 video that browsers play (MediaRecorder's MP4: 8-bit
 * 4:2:0) is copied as recorded, which is fast and lossless; anything else (VP8, VP9, AV1 from a WebM, 10-bit or
 * 4:4:4 H.264 from a camera) is transcoded with a keyframe every segment.
 * The audio always becomes stereo AAC: browsers record Opus, which HLS players do not all play.
 */
@ApplicationScoped
public class TrackNormaliser {

    private final Ffmpeg ffmpeg;
    private final Encodings encodings;

    TrackNormaliser(Ffmpeg ffmpeg, Encodings encodings) {
        this.ffmpeg = ffmpeg;
        this.encodings = encodings;
    }

    public TrackInput normalise(Path recorded, Path output, double offsetSeconds) {
        MediaProbe probe = ffmpeg.probe(recorded);
        boolean remux = probe.isPlayableH264();
        List<String> arguments = new ArrayList<>(Inputs.recorded(recorded));
        probe.video().ifPresent(video -> {
            arguments.addAll(List.of("-map", "0:v:0"));
            arguments.addAll(remux ? List.of("-c:v", "copy") : encodings.h264(0, video.width(), video.height(), false,
                    Encodings.Keyframes.EVERY_SEGMENT));
        });
        if (probe.audio().isPresent()) {
            arguments.addAll(List.of("-map", "0:a:0"));
            arguments.addAll(encodings.aac());
        }
        arguments.addAll(List.of("-movflags", "+faststart", output.toString()));
        ffmpeg.run(output.getParent(), arguments);
        return new TrackInput(output, ffmpeg.probe(output), offsetSeconds, remux);
    }
}
