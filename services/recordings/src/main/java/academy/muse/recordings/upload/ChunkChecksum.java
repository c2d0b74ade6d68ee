package academy.muse.recordings.upload;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** The digest a client sent for one chunk's bytes, which the chunk must match to be kept. */
public record ChunkChecksum(String algorithm, byte[] expected) {

    /** tus names (lower case) and their Java names. */
    public static final Map<String, String> ALGORITHMS = Map.of("sha1", "SHA-1", "sha256", "SHA-256", "md5", "MD5");

    public ChunkChecksum {
        if (!ALGORITHMS.containsKey(algorithm)) {
            throw new IllegalArgumentException("unsupported checksum algorithm " + algorithm);
        }
    }

    MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(ALGORITHMS.get(algorithm));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean matches(MessageDigest digest) {
        return MessageDigest.isEqual(expected, digest.digest());
    }
}
