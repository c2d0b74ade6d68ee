package academy.muse.vod.ffmpeg;

import academy.muse.vod.config.VodConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ffmpeg and ffprobe this service runs, located at start-up ({@code muse.vod.ffmpeg}): the service refuses to
 * start when neither the bundled nor the system executables work, rather than failing every job later.
 */
@Startup
@ApplicationScoped
public class Ffmpeg {

    private static final Logger LOG = Logger.getLogger(Ffmpeg.class);

    private final FfmpegTools tools;
    private final VodConfig config;
    private final ObjectMapper json;
    private final AtomicInteger runs = new AtomicInteger();

    Ffmpeg(VodConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        Path cache = config.tools().cacheDirectory()
                .orElse(Path.of(System.getProperty("java.io.tmpdir"), "muse-vod-ffmpeg"));
        this.tools = new FfmpegLocator(Thread.currentThread().getContextClassLoader(), cache,
                config.tools().systemFfmpeg(), config.tools().systemFfprobe()).locate(config.ffmpeg());
        LOG.infof("Packaging with %s (H.264 encoder %s)", tools.origin(), tools.h264().ffmpegName());
    }

    public FfmpegTools tools() {
        return tools;
    }

    public H264Encoder h264() {
        return tools.h264();
    }

    /** Runs ffmpeg with these arguments in {@code workDirectory}; its messages are kept there in a log. */
    public void run(Path workDirectory, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of(tools.ffmpeg().toString(),
                "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        // The command as a list (a log record parameter), so that it can be re-run exactly, e.g. by bench/vod.
        LOG.debugv("Running {0}", command);
        Processes.run(command, log(workDirectory, "ffmpeg"), config.tools().runTimeout());
    }

    /** Probes {@code file}, read only as the container its first bytes name. */
    public MediaProbe probe(Path file) {
        List<String> command = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error", "-print_format",
                "json", "-show_format", "-show_streams"));
        command.addAll(Inputs.recorded(file));
        String output = Processes.run(command, log(file.getParent(), "ffprobe"), config.tools().runTimeout());
        JsonNode probe = parse(output, file);
        Optional<MediaProbe.Video> video = firstStream(probe, "video")
                .map(s -> new MediaProbe.Video(s.path("codec_name").asText(), s.path("width").asInt(),
                        s.path("height").asInt(), s.path("pix_fmt").asText()));
        Optional<MediaProbe.Audio> audio = firstStream(probe, "audio")
                .map(s -> new MediaProbe.Audio(s.path("codec_name").asText(), s.path("channels").asInt(),
                        s.path("sample_rate").asInt(), s.path("bit_rate").asLong(0)));
        if (video.isEmpty() && audio.isEmpty()) {
            throw new FfmpegException(file.getFileName() + " has neither video nor audio");
        }
        return new MediaProbe(duration(probe, file), video, audio);
    }

    private double duration(JsonNode probe, Path file) {
        double duration = probe.path("format").path("duration").asDouble(0);
        // A WebM written by MediaRecorder often has no duration in its header: read it from the last packet.
        return duration > 0 ? duration : lastPacketEnd(file);
    }

    private double lastPacketEnd(Path file) {
        List<String> command = new ArrayList<>(List.of(tools.ffprobe().toString(), "-v", "error", "-show_entries",
                "packet=pts_time,duration_time", "-of", "csv=p=0"));
        command.addAll(Inputs.recorded(file));
        String packets = Processes.run(command, log(file.getParent(), "ffprobe"), config.tools().runTimeout());
        double end = 0;
        for (String line : packets.split("\n")) {
            String[] fields = line.split(",");
            if (fields.length == 2 && !fields[0].isBlank() && !fields[0].equals("N/A")) {
                double duration = fields[1].isBlank() || fields[1].equals("N/A") ? 0 : Double.parseDouble(fields[1]);
                end = Math.max(end, Double.parseDouble(fields[0]) + duration);
            }
        }
        if (end <= 0) {
            throw new FfmpegException(file.getFileName() + " has no timestamps to measure its duration");
        }
        return end;
    }

    private JsonNode parse(String output, Path file) {
        try {
            return json.readTree(output);
        } catch (IOException e) {
            throw new FfmpegException("ffprobe said something unreadable about " + file.getFileName(), e);
        }
    }

    private static Optional<JsonNode> firstStream(JsonNode probe, String type) {
        for (JsonNode stream : probe.path("streams")) {
            if (type.equals(stream.path("codec_type").asText())) {
                return Optional.of(stream);
            }
        }
        return Optional.empty();
    }

    private Path log(Path directory, String tool) {
        return directory.resolve(tool + "-" + runs.incrementAndGet() + ".log");
    }
}
