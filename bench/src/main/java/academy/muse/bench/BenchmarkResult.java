package academy.muse.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What one benchmark measured, as JSON under {@code bench/work/results/<benchmark>.json}; {@link Report} gathers
 * these into {@code bench/results/<date>.md} and {@code .json}. A benchmark may write detail of its own beside
 * the figures (join's step-by-step waterfall); the report reads only the figures.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BenchmarkResult(String benchmark, String description, Instant measuredAt, List<Figure> figures) {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path workDirectory) throws IOException {
        Path file = workDirectory.resolve("results").resolve(benchmark + ".json");
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), this);
    }

    static BenchmarkResult read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), BenchmarkResult.class);
    }
}
