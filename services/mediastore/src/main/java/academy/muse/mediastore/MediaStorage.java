package academy.muse.mediastore;

import java.io.InputStream;
import java.util.List;

/**
 * Where media bytes live: lesson tracks and materials (written by recordings) and the packaged HLS/DASH files
 * (written by vod). Objects are named by {@linkplain MediaKeys keys} such as {@code tracks/ABC-123/u1.webm}, never
 * by file paths, so the same code runs on a volume and on S3-compatible object storage.
 *
 * <p>Two ways to write: {@link #write} stores a whole object at once (readers never see half of it);
 * {@link #append} grows an object piece by piece while it is being uploaded and {@link #complete} seals it.
 * Every write is durable when the method returns: on a volume the bytes are fsync'ed, on S3 the object or
 * staged part is stored. A caller may therefore acknowledge bytes to a client as soon as the call returns.
 *
 * <p>Every method throws {@link MediaNotFoundException} for a missing object where it needs one and
 * {@link MediaStorageException} when the storage itself fails.
 */
public interface MediaStorage {

    /**
     * Stores the whole object, replacing any object with that key. The stream is read to its end and not closed.
     *
     * @return the number of bytes stored
     */
    long write(String key, InputStream data);

    /**
     * Stores the bytes of {@code data} at {@code offset}, growing the object (it is created when the offset is 0).
     * Whatever was stored at or beyond {@code offset} is discarded first: the caller's acknowledged offset is the
     * truth, and bytes beyond it (from a request that failed before it was acknowledged) are not part of the object.
     *
     * <p>If reading {@code data} fails part way, the bytes that arrived are kept (durably) and the failure is
     * thrown; {@link #size} then tells how many bytes the object holds.
     *
     * @return the object's size after the append, all of it durable
     * @throws MediaStorageException when {@code offset} is beyond the object's end
     */
    long append(String key, long offset, InputStream data);

    /** Discards everything at and beyond {@code length}; used to undo an append whose checksum did not match. */
    void truncate(String key, long length);

    /**
     * Seals an object grown with {@link #append}: from now on it is one ordinary object (on S3 the staged parts are
     * joined into a single object). Completing an object that is already complete does nothing.
     */
    void complete(String key);

    /** The object's bytes; the caller closes the stream. */
    InputStream read(String key);

    /** The bytes of the object within {@code range} (clipped to the object's end); the caller closes the stream. */
    InputStream read(String key, ByteRange range);

    /** The object's size in bytes, including bytes appended but not yet completed. */
    long size(String key);

    boolean exists(String key);

    /** Deletes the object, complete or not; deleting a missing object does nothing. */
    void delete(String key);

    /** The objects whose keys start with {@code prefix} (complete or still being appended), sorted by key. */
    List<StoredObject> list(String prefix);
}
