package academy.muse.mediastore;

/**
 * A range of bytes as HTTP's {@code Range: bytes=first-last} names it: {@code first} inclusive, {@code last}
 * inclusive or absent (to the end).
 */
public record ByteRange(long first, Long last) {

    public ByteRange {
        if (first < 0 || (last != null && last < first)) {
            throw new IllegalArgumentException("invalid byte range " + first + "-" + last);
        }
    }

    public static ByteRange from(long first) {
        return new ByteRange(first, null);
    }

    public static ByteRange of(long first, long last) {
        return new ByteRange(first, last);
    }

    /** How many bytes of an object of {@code size} bytes fall in this range. */
    public long lengthWithin(long size) {
        long end = last == null ? size - 1 : Math.min(last, size - 1);
        return Math.max(0, end - first + 1);
    }
}
