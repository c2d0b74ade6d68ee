package academy.muse.mediastore.s3;

import academy.muse.mediastore.BoundedInputStream;
import academy.muse.mediastore.ByteRange;
import academy.muse.mediastore.MediaKeys;
import academy.muse.mediastore.MediaNotFoundException;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import academy.muse.mediastore.StoredObject;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Media storage in an S3-compatible bucket (AWS SDK v2).
 *
 * <p>S3 objects cannot grow, so an append is stored as a <em>staged part</em>: the object
 * {@code .staging/<key>/.part-<offset>} holding the bytes from that offset on. Each staged part is a complete
 * PutObject, so it is durable when the call returns, and it is at most {@code part-size} bytes (an append longer
 * than that stores several parts; an append that breaks off stores what arrived). An object being appended reads as
 * its staged parts one after the other. {@link #complete} joins the parts into the object {@code <key>} with one
 * multipart upload (parts of {@code part-size}, as S3 needs 5 MiB for every part but the last) and then deletes
 * them. Multipart uploads are not kept open between appends: S3 would refuse the small pieces a browser sends
 * every few seconds, and an open upload is invisible to readers. Which parts exist and what they hold is
 * {@link StagedParts}' bookkeeping; this class only moves bytes.
 *
 * <p>No AWS SDK exception leaves this class: each method turns one into a {@link MediaStorageException} (and a
 * stream it returned into an {@link IOException}), so callers handle one storage failure, whichever store is
 * configured.
 */
public class S3MediaStorage implements MediaStorage {

    private final S3Client s3;
    private final String bucket;
    private final int partSize;

    public S3MediaStorage(S3Client s3, String bucket, int partSize) {
        if (partSize < 5 * 1024 * 1024) {
            throw new IllegalArgumentException("S3 needs parts of at least 5 MiB, not " + partSize);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.partSize = partSize;
    }

    @Override
    public long write(String key, InputStream data) {
        MediaKeys.check(key);
        return translated("cannot write " + key, () -> {
            long size = upload(key, data);
            deleteParts(stagedParts(key).all());
            return size;
        });
    }

    @Override
    public long append(String key, long offset, InputStream data) {
        MediaKeys.check(key);
        return translated("cannot append to " + key + " at " + offset, () -> {
            StagedParts parts = partsAfterStagingCompleteObject(key);
            try {
                parts.checkAppendAt(offset);
            } catch (IllegalArgumentException beyondTheEnd) {
                throw new MediaStorageException(beyondTheEnd.getMessage());
            }
            cutParts(key, parts, offset);
            return stageParts(key, offset, data);
        });
    }

    @Override
    public void truncate(String key, long length) {
        MediaKeys.check(key);
        translated("cannot truncate " + key, () -> {
            StagedParts parts = partsAfterStagingCompleteObject(key);
            if (parts.isEmpty()) {
                throw new MediaNotFoundException(key);
            }
            cutParts(key, parts, length);
            return null;
        });
    }

    @Override
    public void complete(String key) {
        MediaKeys.check(key);
        translated("cannot complete " + key, () -> {
            StagedParts parts = stagedParts(key);
            if (parts.isEmpty()) {
                if (!objectExists(key)) {
                    throw new MediaNotFoundException(key);
                }
                return null;
            }
            // The parts are deleted only after the joined object is stored: a failure leaves them as they were.
            try (InputStream joined = readParts(parts, 0, parts.size())) {
                upload(key, joined);
            }
            deleteParts(parts.all());
            return null;
        });
    }

    @Override
    public InputStream read(String key) {
        return read(key, ByteRange.from(0));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        MediaKeys.check(key);
        return translated("cannot read " + key, () -> {
            try {
                return new SdkFailuresAsIOException(readObject(key, range));
            } catch (NoSuchKeyException notComplete) {
                StagedParts parts = stagedParts(key);
                if (parts.isEmpty()) {
                    throw new MediaNotFoundException(key);
                }
                long size = parts.size();
                return new SdkFailuresAsIOException(readParts(parts, Math.min(range.first(), size), range.lengthWithin(size)));
            }
        });
    }

    @Override
    public long size(String key) {
        MediaKeys.check(key);
        return translated("cannot read the size of " + key, () -> {
            try {
                return s3.headObject(request -> request.bucket(bucket).key(key)).contentLength();
            } catch (NoSuchKeyException notComplete) {
                StagedParts parts = stagedParts(key);
                if (parts.isEmpty()) {
                    throw new MediaNotFoundException(key);
                }
                return parts.size();
            }
        });
    }

    @Override
    public boolean exists(String key) {
        MediaKeys.check(key);
        return translated("cannot tell whether " + key + " exists", () -> objectExists(key) || !stagedParts(key).isEmpty());
    }

    @Override
    public void delete(String key) {
        MediaKeys.check(key);
        translated("cannot delete " + key, () -> {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
            deleteParts(stagedParts(key).all());
            return null;
        });
    }

    @Override
    public List<StoredObject> list(String prefix) {
        MediaKeys.checkPrefix(prefix);
        return translated("cannot list " + prefix, () -> {
            Map<String, Long> sizes = new TreeMap<>();
            listObjects(StagedParts.folderPrefixOf(prefix), null)
                    .forEach(part -> sizes.merge(StagedParts.keyOfPart(part.key()), part.size(), Long::sum));
            listObjects(prefix, null).filter(object -> !StagedParts.isStagingKey(object.key()))
                    .forEach(object -> sizes.put(object.key(), object.size()));
            return sizes.entrySet().stream().map(entry -> new StoredObject(entry.getKey(), entry.getValue())).toList();
        });
    }

    /** One storage operation, which may fail with the SDK's exceptions or an I/O error. */
    private interface Operation<T> {
        T run() throws IOException;
    }

    /** Runs an operation, turning every failure that is not already ours into a {@link MediaStorageException}. */
    private static <T> T translated(String failure, Operation<T> operation) {
        try {
            return operation.run();
        } catch (MediaStorageException e) {
            throw e;
        } catch (IOException | UncheckedIOException | SdkException e) {
            throw new MediaStorageException(failure, e);
        }
    }

    /** Stores a stream as one object: a single PutObject when it fits in one part, else a multipart upload. */
    private long upload(String key, InputStream data) throws IOException {
        byte[] first = data.readNBytes(partSize);
        if (first.length < partSize) {
            s3.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromBytes(first));
            return first.length;
        }
        String uploadId = s3.createMultipartUpload(request -> request.bucket(bucket).key(key)).uploadId();
        try {
            List<CompletedPart> completed = new ArrayList<>();
            long size = 0;
            byte[] part = first;
            while (part.length > 0) {
                int number = completed.size() + 1;
                byte[] body = part;
                String etag = s3.uploadPart(request -> request.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                        RequestBody.fromBytes(body)).eTag();
                completed.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                size += part.length;
                part = data.readNBytes(partSize);
            }
            s3.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(completed)));
            return size;
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /** An abort that fails too (the server is gone) must not hide why the upload failed. */
    private void abortQuietly(String key, String uploadId, Exception cause) {
        try {
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException abortFailed) {
            cause.addSuppressed(abortFailed);
        }
    }

    /** Stores the stream as staged parts from {@code offset} on; keeps what arrived when the stream breaks off. */
    private long stageParts(String key, long offset, InputStream data) throws IOException {
        byte[] chunk = new byte[partSize];
        long position = offset;
        while (true) {
            int filled = 0;
            boolean ended = false;
            try {
                while (filled < partSize && !ended) {
                    int read = data.read(chunk, filled, partSize - filled);
                    ended = read < 0;
                    filled += Math.max(read, 0);
                }
            } finally {
                if (filled > 0) {
                    putPart(key, position, chunk, filled);
                    position += filled;
                }
            }
            if (ended) {
                return position;
            }
        }
    }

    private void putPart(String key, long offset, byte[] bytes, int length) {
        s3.putObject(request -> request.bucket(bucket).key(StagedParts.partKey(key, offset)),
                RequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)));
    }

    /** Drops every staged byte at and beyond {@code length}; a part that straddles it is stored again, shortened. */
    private void cutParts(String key, StagedParts parts, long length) throws IOException {
        Optional<StagedParts.Part> straddling = parts.straddling(length);
        if (straddling.isPresent()) {
            StagedParts.Part part = straddling.get();
            int keep = (int) (length - part.offset());
            byte[] head;
            try (InputStream in = readObject(part.partKey(), ByteRange.of(0, keep - 1))) {
                head = in.readNBytes(keep);
            }
            putPart(key, part.offset(), head, head.length);
        }
        deleteParts(parts.startingAtOrBeyond(length));
    }

    /** An append or truncate of a completed object first turns it back into a staged part at offset 0. */
    private StagedParts partsAfterStagingCompleteObject(String key) {
        StagedParts parts = stagedParts(key);
        if (objectExists(key)) {
            deleteParts(parts.all());
            String part = StagedParts.partKey(key, 0);
            s3.copyObject(request -> request.sourceBucket(bucket).sourceKey(key).destinationBucket(bucket).destinationKey(part));
            s3.deleteObject(request -> request.bucket(bucket).key(key));
            parts = stagedParts(key);
        }
        return parts;
    }

    private InputStream readObject(String key, ByteRange range) {
        String header = "bytes=" + range.first() + "-" + (range.last() == null ? "" : range.last());
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(request -> request.bucket(bucket).key(key).range(header));
            return in;
        } catch (S3Exception e) {
            if (e.statusCode() == 416) {
                return InputStream.nullInputStream();
            }
            throw e;
        }
    }

    /** The staged parts' bytes from {@code first} on, {@code length} of them, each part opened only when reached. */
    private InputStream readParts(StagedParts parts, long first, long length) {
        Iterator<StagedParts.Slice> remaining = parts.readFrom(first).iterator();
        Enumeration<InputStream> streams = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return remaining.hasNext();
            }

            @Override
            public InputStream nextElement() {
                StagedParts.Slice slice = remaining.next();
                return readObject(slice.part().partKey(), ByteRange.from(slice.from()));
            }
        };
        return new BoundedInputStream(new SequenceInputStream(streams), length);
    }

    private boolean objectExists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        }
    }

    private StagedParts stagedParts(String key) {
        Map<String, Long> listed = new TreeMap<>();
        listObjects(StagedParts.folderOf(key), "/").forEach(part -> listed.put(part.key(), part.size()));
        return StagedParts.of(key, listed);
    }

    private void deleteParts(Collection<StagedParts.Part> parts) {
        for (StagedParts.Part part : parts) {
            s3.deleteObject(request -> request.bucket(bucket).key(part.partKey()));
        }
    }

    private Stream<S3Object> listObjects(String prefix, String delimiter) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix).delimiter(delimiter))
                .contents().stream();
    }

    /**
     * A stream whose reads fail with an {@link IOException}, never an SDK exception: a part opened part way through
     * a read, or a connection dropped, is an I/O failure to the caller, as on a volume.
     */
    private static final class SdkFailuresAsIOException extends FilterInputStream {

        SdkFailuresAsIOException(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (SdkException e) {
                throw new IOException("media storage read failed", e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (SdkException e) {
                throw new IOException("media storage read failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (SdkException e) {
                throw new IOException("media storage close failed", e);
            }
        }
    }
}
