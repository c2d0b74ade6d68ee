package academy.muse.mediastore;

import java.util.regex.Pattern;

/**
 * The rules for object keys: {@code /}-separated segments of letters, digits, {@code .}, {@code _} and {@code -},
 * none starting with a dot. So a key never escapes the storage root on a volume ({@code ..}), never collides with
 * the storage's own bookkeeping (which lives under dot-names), and means the same on a volume and on S3.
 */
public final class MediaKeys {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_LENGTH = 512;

    private MediaKeys() {
    }

    /** Returns the key when it follows the rules, else throws {@link IllegalArgumentException}. */
    public static String check(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH || !allSegmentsValid(key)) {
            throw new IllegalArgumentException("invalid media key: " + key);
        }
        return key;
    }

    /** A list prefix is a key or the start of one; the empty prefix lists everything. */
    public static String checkPrefix(String prefix) {
        if (prefix == null || prefix.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid media key prefix: " + prefix);
        }
        String asKey = prefix.endsWith("/") ? prefix + "x" : prefix + (prefix.isEmpty() ? "x" : "");
        check(asKey);
        return prefix;
    }

    private static boolean allSegmentsValid(String key) {
        for (String segment : key.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches()) {
                return false;
            }
        }
        return true;
    }
}
