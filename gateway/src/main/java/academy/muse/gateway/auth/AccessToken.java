package academy.muse.gateway.auth;

import java.time.Instant;

/** A signed access token and when it stops being accepted. */
public record AccessToken(String token, Instant expiresAt) {
}
