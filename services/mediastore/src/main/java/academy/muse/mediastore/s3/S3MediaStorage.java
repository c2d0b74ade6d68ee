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

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
 * every few seconds, and an open upload is invisible to readers.
 */
public class S3MediaStorage implements MediaStorage {

    private static final String STAGING = ".staging/";
    private static final String PART = ".part-";

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
        try {
            long size = upload(key, data);
            deleteParts(stagedParts(key));
            return size;
        } catch (IOException | SdkException e) {
            throw new MediaStorageException("cannot write " + key, e);
        }
    }

    @Override
    public long append(String key, long offset, InputStream data) {
        MediaKeys.check(key);
        try {
            TreeMap<Long, S3Object> parts = partsAfterStagingCompleteObject(key);
            long size = stagedSize(parts);
            if (offset > size) {
                throw new MediaStorageException("cannot append to " + key + " at " + offset + ": it holds " + size + " bytes");
            }
            cutParts(key, parts, offset);
            return stageParts(key, offset, data);
        } catch (IOException | SdkException e) {
            throw new MediaStorageException("cannot append to " + key + " at " + offset, e);
        }
    }

    @Override
    public void truncate(String key, long length) {
        MediaKeys.check(key);
        try {
            TreeMap<Long, S3Object> parts = partsAfterStagingCompleteObject(key);
            if (parts.isEmpty()) {
                throw new MediaNotFoundException(key);
            }
            cutParts(key, parts, length);
        } catch (IOException | SdkException e) {
            throw new MediaStorageException("cannot truncate " + key, e);
        }
    }

    @Override
    public void complete(String key) {
        MediaKeys.check(key);
        TreeMap<Long, S3Object> parts = stagedParts(key);
        if (parts.isEmpty()) {
            if (!objectExists(key)) {
                throw new MediaNotFoundException(key);
            }
            return;
        }
        try (InputStream joined = readParts(parts, 0, stagedSize(parts))) {
            upload(key, joined);
            deleteParts(parts);
        } catch (IOException | SdkException e) {
            throw new MediaStorageException("cannot complete " + key, e);
        }
    }

    @Override
    public InputStream read(String key) {
        return read(key, ByteRange.from(0));
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        MediaKeys.check(key);
        try {
            return readObject(key, range);
        } catch (NoSuchKeyException notComplete) {
            TreeMap<Long, S3Object> parts = stagedParts(key);
            if (parts.isEmpty()) {
                throw new MediaNotFoundException(key);
            }
            long size = stagedSize(parts);
            long first = Math.min(range.first(), size);
            return readParts(parts, first, range.lengthWithin(size));
        } catch (SdkException e) {
            throw new MediaStorageException("cannot read " + key, e);
        }
    }

    @Override
    public long size(String key) {
        MediaKeys.check(key);
        try {
            return s3.headObject(request -> request.bucket(bucket).key(key)).contentLength();
        } catch (NoSuchKeyException notComplete) {
            TreeMap<Long, S3Object> parts = stagedParts(key);
            if (parts.isEmpty()) {
                throw new MediaNotFoundException(key);
            }
            return stagedSize(parts);
        } catch (SdkException e) {
            throw new MediaStorageException("cannot read the size of " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        MediaKeys.check(key);
        return objectExists(key) || !stagedParts(key).isEmpty();
    }

    @Override
    public void delete(String key) {
        MediaKeys.check(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
            deleteParts(stagedParts(key));
        } catch (SdkException e) {
            throw new MediaStorageException("cannot delete " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        MediaKeys.checkPrefix(prefix);
        try {
            Map<String, Long> sizes = new TreeMap<>();
            listObjects(STAGING + prefix, null).forEach(part -> sizes.merge(keyOfPart(part.key()), part.size(), Long::sum));
            listObjects(prefix, null).filter(object -> !object.key().startsWith(STAGING))
                    .forEach(object -> sizes.put(object.key(), object.size()));
            return sizes.entrySet().stream().map(entry -> new StoredObject(entry.getKey(), entry.getValue())).toList();
        } catch (SdkException e) {
            throw new MediaStorageException("cannot list " + prefix, e);
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
            s3.abortMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId));
            throw e;
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
        s3.putObject(request -> request.bucket(bucket).key(partKey(key, offset)),
                RequestBody.fromByteBuffer(ByteBuffer.wrap(bytes, 0, length)));
    }

    /** Drops every staged byte at and beyond {@code length}; a part that straddles it is stored again, shortened. */
    private void cutParts(String key, TreeMap<Long, S3Object> parts, long length) throws IOException {
        List<S3Object> beyond = new ArrayList<>(parts.tailMap(length, true).values());
        Map.Entry<Long, S3Object> straddling = parts.lowerEntry(length);
        if (straddling != null && straddling.getKey() + straddling.getValue().size() > length) {
            int keep = (int) (length - straddling.getKey());
            byte[] head;
            try (InputStream in = readObject(straddling.getValue().key(), ByteRange.of(0, keep - 1))) {
                head = in.readNBytes(keep);
            }
            putPart(key, straddling.getKey(), head, head.length);
        }
        deleteParts(beyond);
    }

    /** An append or truncate of a completed object first turns it back into a staged part at offset 0. */
    private TreeMap<Long, S3Object> partsAfterStagingCompleteObject(String key) {
        TreeMap<Long, S3Object> parts = stagedParts(key);
        if (objectExists(key)) {
            deleteParts(parts);
            String part = partKey(key, 0);
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
    private InputStream readParts(TreeMap<Long, S3Object> parts, long first, long length) {
        Long startPart = parts.floorKey(first);
        List<Map.Entry<Long, S3Object>> needed = new ArrayList<>(
                (startPart == null ? parts : parts.tailMap(startPart, true)).entrySet());
        Iterator<Map.Entry<Long, S3Object>> remaining = needed.iterator();
        Enumeration<InputStream> streams = new Enumeration<>() {
            @Override
            public boolean hasMoreElements() {
                return remaining.hasNext();
            }

            @Override
            public InputStream nextElement() {
                Map.Entry<Long, S3Object> part = remaining.next();
                long from = Math.max(0, first - part.getKey());
                return readObject(part.getValue().key(), ByteRange.from(from));
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

    /** The key's staged parts by offset (only its own: a longer key's parts sit one folder deeper). */
    private TreeMap<Long, S3Object> stagedParts(String key) {
        TreeMap<Long, S3Object> parts = new TreeMap<>();
        listObjects(STAGING + key + "/", "/").forEach(part -> parts.put(offsetOfPart(part.key()), part));
        return parts;
    }

    private static long stagedSize(TreeMap<Long, S3Object> parts) {
        return parts.values().stream().mapToLong(S3Object::size).sum();
    }

    private void deleteParts(Iterable<S3Object> parts) {
        for (S3Object part : parts) {
            s3.deleteObject(request -> request.bucket(bucket).key(part.key()));
        }
    }

    private void deleteParts(TreeMap<Long, S3Object> parts) {
        deleteParts(parts.values());
    }

    private Stream<S3Object> listObjects(String prefix, String delimiter) {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix).delimiter(delimiter))
                .contents().stream();
    }

    private static String partKey(String key, long offset) {
        return STAGING + key + "/" + PART + String.format("%019d", offset);
    }

    private static long offsetOfPart(String partKey) {
        return Long.parseLong(partKey.substring(partKey.lastIndexOf(PART) + PART.length()));
    }

    private static String keyOfPart(String partKey) {
        return partKey.substring(STAGING.length(), partKey.lastIndexOf("/" + PART));
    }
}
