package academy.muse.vod.media;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.mediastore.ByteRange;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP's {@code Range} header as players send it: one range of bytes ({@code a-b}, {@code a-} or the last
 * {@code n}). Several ranges at once are answered with the whole object, which RFC 9110 allows.
 */
final class RangeHeader {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private RangeHeader() {
    }

    /** The satisfiable range within an object of {@code size} bytes; empty for the whole object. */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher matcher = SINGLE.matcher(header.strip());
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(size);
                }
                return Optional.of(ByteRange.of(Math.max(0, size - suffix), size - 1));
            }
            long first = Long.parseLong(matcher.group(1));
            if (first >= size) {
                throw unsatisfiable(size);
            }
            long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
            return last < first ? Optional.empty() : Optional.of(ByteRange.of(first, last));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ProblemException unsatisfiable(long size) {
        return new ProblemException(416, "range-not-satisfiable", "Range not satisfiable",
                "the object has " + size + " bytes", Map.of("Content-Range", "bytes */" + size));
    }
}
