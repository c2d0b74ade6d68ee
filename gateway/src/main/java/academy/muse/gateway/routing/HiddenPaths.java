package academy.muse.gateway.routing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The paths the gateway never routes: each service's {@code /internal/**} (service-to-service only) and
 * {@code /q/**} (management), and the gateway's own {@code /q/**}. Judged on the path as a service would
 * finally resolve it, not as it was written: percent-encoding undone until it stops changing (so
 * {@code %2569} is caught too), backslashes as slashes, {@code ;} matrix parameters dropped, empty and
 * {@code .} segments removed, {@code ..} applied, and case ignored.
 */
final class HiddenPaths {

    private static final Pattern HIDDEN = Pattern.compile("^(/api/[^/]+)?/(internal|q)(/.*)?$");
    /** Enough for any honest path; a path still changing after this many decodings is refused outright. */
    private static final int MAX_DECODINGS = 4;

    private HiddenPaths() {
    }

    static boolean isHidden(String rawPath) {
        String canonical = canonical(rawPath);
        return canonical == null || HIDDEN.matcher(canonical).matches();
    }

    /** The path a lenient server would resolve, or null when it cannot be decoded to a stable form. */
    static String canonical(String rawPath) {
        String path = rawPath == null ? "/" : rawPath;
        for (int round = 0; path.indexOf('%') >= 0; round++) {
            if (round == MAX_DECODINGS) {
                return null;
            }
            String decoded;
            try {
                decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
            if (decoded.equals(path)) {
                break;
            }
            path = decoded;
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int matrix = segment.indexOf(';');
            String name = (matrix >= 0 ? segment.substring(0, matrix) : segment).trim();
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                segments.pollLast();
            } else {
                segments.addLast(name.toLowerCase(Locale.ROOT));
            }
        }
        return "/" + String.join("/", segments);
    }
}
