package academy.muse.mediastore.s3;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The staged parts of one object being appended, and the arithmetic over them: where each part's bytes sit, which
 * parts an append or a truncation drops, which parts a ranged read opens. Pure bookkeeping — it knows how parts are
 * named but never talks to S3, so {@link S3MediaStorage} only lists, reads, puts and deletes what this class names.
 *
 * <p>A part is the object {@code .staging/<key>/.part-<offset>} holding the object's bytes from {@code offset} on;
 * the offset is zero-padded so the bucket lists a key's parts in order.
 */
final class StagedParts {

    static final String STAGING = ".staging/";
    private static final String PART = ".part-";

    /** One staged part: its own object key, the offset of its first byte in the object, and its length. */
    record Part(String partKey, long offset, long size) {

        long end() {
            return offset + size;
        }
    }

    /** What a ranged read opens: a part, and where in that part the read starts. */
    record Slice(Part part, long from) {
    }

    private final String key;
    private final TreeMap<Long, Part> byOffset = new TreeMap<>();

    private StagedParts(String key) {
        this.key = key;
    }

    /** The parts of {@code key} among listed objects (part key and size), as the bucket lists them. */
    static StagedParts of(String key, Map<String, Long> listedSizes) {
        StagedParts parts = new StagedParts(key);
        listedSizes.forEach((partKey, size) -> {
            long offset = offsetOfPart(partKey);
            parts.byOffset.put(offset, new Part(partKey, offset, size));
        });
        return parts;
    }

    /** The folder that holds exactly {@code key}'s parts (a longer key's parts sit one folder deeper). */
    static String folderOf(String key) {
        return STAGING + key + "/";
    }

    /** The folder under which the parts of every key starting with {@code prefix} lie. */
    static String folderPrefixOf(String prefix) {
        return STAGING + prefix;
    }

    static boolean isStagingKey(String objectKey) {
        return objectKey.startsWith(STAGING);
    }

    static String partKey(String key, long offset) {
        return folderOf(key) + PART + String.format("%019d", offset);
    }

    /** The object key a part belongs to. */
    static String keyOfPart(String partKey) {
        return partKey.substring(STAGING.length(), partKey.lastIndexOf("/" + PART));
    }

    private static long offsetOfPart(String partKey) {
        return Long.parseLong(partKey.substring(partKey.lastIndexOf(PART) + PART.length()));
    }

    boolean isEmpty() {
        return byOffset.isEmpty();
    }

    /** The object's size so far: the staged bytes, one part after the other. */
    long size() {
        return byOffset.values().stream().mapToLong(Part::size).sum();
    }

    Collection<Part> all() {
        return List.copyOf(byOffset.values());
    }

    /**
     * Refuses an append that would leave a gap: the caller's offset must be within what is staged.
     *
     * @throws IllegalArgumentException naming the object's size when {@code offset} is beyond its end
     */
    void checkAppendAt(long offset) {
        long size = size();
        if (offset > size) {
            throw new IllegalArgumentException("cannot append to " + key + " at " + offset + ": it holds " + size + " bytes");
        }
    }

    /** The parts to delete so that nothing at or beyond {@code length} stays: every part starting there or later. */
    List<Part> startingAtOrBeyond(long length) {
        return new ArrayList<>(byOffset.tailMap(length, true).values());
    }

    /**
     * The part that holds bytes on both sides of {@code length}, if any: cutting at {@code length} stores its first
     * {@code length - offset} bytes again as a shorter part at the same offset.
     */
    Optional<Part> straddling(long length) {
        Map.Entry<Long, Part> before = byOffset.lowerEntry(length);
        return before != null && before.getValue().end() > length ? Optional.of(before.getValue()) : Optional.empty();
    }

    /** The parts a read from {@code first} on opens, in order, each with the position within it to start from. */
    List<Slice> readFrom(long first) {
        Long startPart = byOffset.floorKey(first);
        Collection<Part> needed = (startPart == null ? byOffset : byOffset.tailMap(startPart, true)).values();
        return needed.stream().map(part -> new Slice(part, Math.max(0, first - part.offset()))).toList();
    }
}
