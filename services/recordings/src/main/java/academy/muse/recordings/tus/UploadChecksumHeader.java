package academy.muse.recordings.tus;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.recordings.upload.ChunkChecksum;

import java.util.Base64;

/** The checksum extension's {@code Upload-Checksum: <algorithm> <Base64 digest>} of one PATCH's bytes. */
final class UploadChecksumHeader {

    static final String ADVERTISED = "sha1,sha256,md5";

    private UploadChecksumHeader() {
    }

    static ChunkChecksum parse(String header) {
        String[] parts = header.trim().split(" ");
        if (parts.length != 2) {
            throw ProblemException.badRequest("invalid-upload-checksum",
                    "Upload-Checksum must be an algorithm and a Base64 digest");
        }
        if (!ChunkChecksum.ALGORITHMS.containsKey(parts[0])) {
            throw ProblemException.badRequest("unsupported-checksum-algorithm",
                    "Upload-Checksum uses '" + parts[0] + "'; supported: " + ADVERTISED);
        }
        try {
            return new ChunkChecksum(parts[0], Base64.getDecoder().decode(parts[1]));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-upload-checksum", "The Upload-Checksum digest is not Base64");
        }
    }
}
