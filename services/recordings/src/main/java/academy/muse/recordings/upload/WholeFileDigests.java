package academy.muse.recordings.upload;

import academy.muse.mediastore.ByteRange;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of each upload's stored bytes, computed while they arrive rather than read back at the end. A PATCH
 * continues the digest the previous PATCH on this replica left at the same offset; when there is none (another
 * replica wrote the bytes before, or this one restarted, or a stalled request was taken over) the stored bytes up
 * to the offset are read back once. Acknowledged bytes never change, so a digest kept at an offset stays right.
 */
@ApplicationScoped
class WholeFileDigests {

    /** Uploads in flight on one replica at once, with room to spare; an evicted digest is only read back. */
    private static final int KEPT = 1024;
    private static final int READ_BUFFER = 256 * 1024;

    private record Running(long offset, MessageDigest digest) {
    }

    private final MediaStorage storage;
    private final Map<String, Running> running = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Running> eldest) {
            return size() > KEPT;
        }
    };

    WholeFileDigests(MediaStorage storage) {
        this.storage = storage;
    }

    /** The digest of the upload's first {@code upload.offset} bytes, for the holder of its lease to continue. */
    MessageDigest resume(Upload upload) {
        Running kept;
        synchronized (running) {
            kept = running.remove(upload.id);
        }
        if (kept != null && kept.offset() == upload.offset) {
            return kept.digest();
        }
        return readBack(upload.storageKey, upload.offset);
    }

    /** Keeps the digest of the first {@code offset} bytes for the next PATCH. */
    void keep(String uploadId, long offset, MessageDigest digest) {
        synchronized (running) {
            running.put(uploadId, new Running(offset, digest));
        }
    }

    void forget(String uploadId) {
        synchronized (running) {
            running.remove(uploadId);
        }
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private MessageDigest readBack(String key, long length) {
        MessageDigest digest = sha256();
        if (length == 0) {
            return digest;
        }
        try (InputStream in = storage.read(key, ByteRange.of(0, length - 1))) {
            byte[] buffer = new byte[READ_BUFFER];
            int read;
            while ((read = in.read(buffer)) != -1) {
                digest.update(buffer, 0, read);
            }
            return digest;
        } catch (IOException e) {
            throw new MediaStorageException("cannot hash " + key, e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
