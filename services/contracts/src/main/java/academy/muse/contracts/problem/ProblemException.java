package academy.muse.contracts.problem;

import academy.muse.contracts.validation.PlainText;

import java.util.Map;

/**
 * Thrown by a service's logic when a request cannot be served; mapped to problem+json by
 * {@link ProblemMappers}. The factory methods name the common cases, so call sites read as sentences.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final Map<String, String> headers;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, Map.of());
    }

    public ProblemException(int status, String slug, String title, String detail, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.headers = Map.copyOf(headers);
    }

    public static ProblemException badRequest(String slug, String detail) {
        return new ProblemException(400, slug, "Bad request", detail);
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Not signed in", detail);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Not allowed", detail);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " was not found");
    }

    public static ProblemException conflict(String slug, String detail) {
        return new ProblemException(409, slug, "Conflict", detail);
    }

    public static ProblemException tooLarge(String detail) {
        return new ProblemException(413, "too-large", "Too large", detail);
    }

    public static ProblemException unsupportedMediaType(String detail) {
        return new ProblemException(415, "unsupported-media-type", "Unsupported media type", detail);
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Invalid request", detail);
    }

    /**
     * What a hand-parsed field (a header value) answers when it is not {@link PlainText}: the same problem the
     * constraint gives a validated body. Kept here so that validation never depends on problem.
     */
    public static ProblemException notPlainText(String field) {
        return unprocessable(PlainText.PROBLEM,
                field + " must not contain control, line-separator or bidi-override characters");
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(429, "rate-limited", "Too many requests", detail,
                Map.of("Retry-After", String.valueOf(retryAfterSeconds)));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "dependency-unavailable", "Temporarily unavailable", detail);
    }

    public int status() {
        return status;
    }

    public Problem toProblem() {
        return Problem.of(status, slug, title, getMessage());
    }

    public Map<String, String> headers() {
        return headers;
    }
}
