package academy.muse.vod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/** ffprobe's view of a file or URL, as JSON, for assertions on what vod produced. */
final class Probes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Probes() {
    }

    static JsonNode probe(Path ffprobe, String fileOrUrl) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(ffprobe.toString(), "-v", "error", "-print_format", "json",
                "-show_format", "-show_streams", fileOrUrl).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("ffprobe could not read " + fileOrUrl);
        }
        return JSON.readTree(output);
    }

    static List<JsonNode> streams(JsonNode probe, String codecType) {
        return StreamSupport.stream(probe.path("streams").spliterator(), false)
                .filter(stream -> codecType.equals(stream.path("codec_type").asText())).toList();
    }

    /** The segment lengths an HLS media playlist announces ({@code #EXTINF}). */
    static List<Double> segmentSeconds(String mediaPlaylist) {
        List<Double> seconds = new ArrayList<>();
        for (String line : mediaPlaylist.split("\n")) {
            if (line.startsWith("#EXTINF:")) {
                seconds.add(Double.parseDouble(line.substring("#EXTINF:".length()).split(",")[0]));
            }
        }
        return seconds;
    }
}
