package academy.muse.gateway.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * The {@value #NAME} cookie: HttpOnly (scripts cannot read it), Secure, SameSite=Strict (other sites cannot
 * make the browser send it) and sent only to {@code /api/auth}, where refresh and logout live.
 */
public final class RefreshCookie {

    public static final String NAME = "muse_refresh";
    private static final String ATTRIBUTES = "; Path=/api/auth; Secure; HttpOnly; SameSite=Strict";

    private RefreshCookie() {
    }

    /** The Set-Cookie value carrying a refresh token until it expires. */
    public static String carrying(String token, Instant expiresAt) {
        long maxAge = Math.max(0, Duration.between(Instant.now(), expiresAt).toSeconds());
        return NAME + "=" + token + "; Max-Age=" + maxAge + ATTRIBUTES;
    }

    /** The Set-Cookie value that makes the browser forget the cookie. */
    public static String cleared() {
        return NAME + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + ATTRIBUTES;
    }
}
