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

    private MediaFiles() {
    }

    public static Path randomFile(int bytes) throws IOException {
        byte[] content = new byte[bytes];
        new Random().nextBytes(content);
        Path file = Files.createTempFile("recording", ".webm");
        Files.write(file, content);
        return file;
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
