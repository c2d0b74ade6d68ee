package academy.muse.recordings.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Source files for uploads and their SHA-256, as a test compares them with what was stored. */
public final class MediaFiles {

    /** The first bytes of a WebM (an EBML header), which recordings checks when an upload completes. */
    private static final byte[] EBML = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 0x01, 0x00, 0x00, 0x00};

    private MediaFiles() {
    }

    /** A file recordings takes for a WebM (its first bytes are the EBML header); the rest is random. */
    public static Path randomFile(int bytes) throws IOException {
        Path file = Files.createTempFile("recording", ".webm");
        Files.write(file, randomRecording(bytes));
        return file;
    }

    /** Bytes that start like a WebM (the EBML header), random after it: storage tests need no real media. */
    public static byte[] randomRecording(int length) {
        byte[] bytes = new byte[length];
        new Random().nextBytes(bytes);
        System.arraycopy(EBML, 0, bytes, 0, Math.min(EBML.length, length));
        return bytes;
    }

    public static String sha256(InputStream in) throws IOException {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        return sha256(Files.newInputStream(file));
    }
}
