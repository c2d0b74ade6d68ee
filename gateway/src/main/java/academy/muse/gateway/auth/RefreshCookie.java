package academy.muse.gateway.auth;

import academy.muse.gateway.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The {@value #NAME} cookie: HttpOnly (scripts cannot read it), Secure, SameSite=Strict (other sites cannot
 * make the browser send it) and sent only to {@code /api/auth}, where refresh and logout live.
 */
@ApplicationScoped
public class RefreshCookie {

    public static final String NAME = "muse_refresh";

    private final String attributes;
    private final Clock clock;

    RefreshCookie(AuthConfig config, Clock clock) {
        this.clock = clock;
        this.attributes = "; Path=/api/auth" + (config.refreshCookieSecure() ? "; Secure" : "") + "; HttpOnly; SameSite=Strict";
    }

    /** The Set-Cookie value carrying a refresh token until it expires. */
    public String carrying(String token, Instant expiresAt) {
        long maxAge = Math.max(0, Duration.between(clock.instant(), expiresAt).toSeconds());
        return NAME + "=" + token + "; Max-Age=" + maxAge + attributes;
    }

    /** The Set-Cookie value that makes the browser forget the cookie. */
    public String cleared() {
        return NAME + "=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT" + attributes;
    }
}
