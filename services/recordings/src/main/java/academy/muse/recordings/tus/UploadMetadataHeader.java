package academy.muse.recordings.tus;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.contracts.validation.PlainText;
import academy.muse.recordings.upload.UploadMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code Upload-Metadata} header: comma-separated pairs of a key and its Base64-encoded value
 * (the value may be absent).
 */
final class UploadMetadataHeader {

    private static final Pattern KEY = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    private static final int MAX_HEADER_LENGTH = 4096;

    private UploadMetadataHeader() {
    }

    static UploadMetadata parse(String header) {
        Map<String, String> values = new LinkedHashMap<>();
        if (header == null || header.isBlank()) {
            return new UploadMetadata(values);
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            throw invalid("it is longer than " + MAX_HEADER_LENGTH + " characters");
        }
        for (String pair : header.split(",", -1)) {
            String[] parts = pair.trim().split(" ", -1);
            if (parts.length > 2 || !KEY.matcher(parts[0]).matches()) {
                throw invalid("'" + pair.trim() + "' is not a key and a Base64 value");
            }
            String value = parts.length == 2 ? decode(parts[0], parts[1]) : "";
            if (!PlainText.Validator.isPlain(value, false)) {
                throw ProblemException.notPlainText("Upload-Metadata '" + parts[0] + "'");
            }
            if (values.put(parts[0], value) != null) {
                throw invalid("the key '" + parts[0] + "' appears twice");
            }
        }
        return new UploadMetadata(values);
    }

    private static String decode(String key, String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("the value of '" + key + "' is not Base64");
        }
    }

    private static ProblemException invalid(String why) {
        return ProblemException.badRequest("invalid-upload-metadata", "Upload-Metadata is malformed: " + why);
    }
}
