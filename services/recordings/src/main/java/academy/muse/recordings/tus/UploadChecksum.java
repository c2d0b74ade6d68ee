package academy.muse.recordings.tus;

import academy.muse.contracts.problem.ProblemException;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

/** The checksum extension's {@code Upload-Checksum: <algorithm> <Base64 digest>} of one PATCH's bytes. */
public record UploadChecksum(String algorithm, byte[] expected) {

    /** tus names (lower case) and their Java names. */
    public static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");
    public static final String ADVERTISED = "sha1,sha256,md5";

    public static UploadChecksum parse(String header) {
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw ProblemException.badRequest("invalid-upload-checksum",
                    "Upload-Checksum must be an algorithm and a Base64 digest");
        }
        if (!ALGORITHMS.containsKey(parts[0])) {
            throw ProblemException.badRequest("unsupported-checksum-algorithm",
                    "Upload-Checksum uses '" + parts[0] + "'; supported: " + ADVERTISED);
        }
        try {
            return new UploadChecksum(parts[0], Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-upload-checksum", "The Upload-Checksum digest is not Base64");
        }
    }

    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean matches(MessageDigest digest) {
        return MessageDigest.isEqual(expected, digest.digest());
    }
}
