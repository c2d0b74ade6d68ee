package academy.muse.recordings.upload;

import java.util.Map;
import java.util.Optional;

/** What the client said about a new upload (kind, room, file type, title …), as decoded key-value pairs. */
public record UploadMetadata(Map<String, String> values) {

    public UploadMetadata {
        values = Map.copyOf(values);
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isBlank());
    }
}
