package academy.muse.recordings.upload;

import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The SHA-256 of a stored object, read back from storage: what vod will read is what was hashed. */
final class Checksums {

    private Checksums() {
    }

    static String sha256(MediaStorage storage, String key) {
        try (InputStream in = storage.read(key)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new MediaStorageException("cannot hash " + key, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
