package academy.muse.gateway.auth;

import academy.muse.gateway.account.AccountView;

import java.time.Duration;
import java.time.Instant;

/**
 * The body of a sign-up, login or refresh answer; the refresh token itself travels only in the cookie.
 *
 * @param expiresIn seconds until the access token expires
 */
public record SessionView(String accessToken, String tokenType, long expiresIn, Instant expiresAt, AccountView account) {

    static SessionView of(Session session, Instant now) {
        Instant expiresAt = session.access().expiresAt();
        return new SessionView(session.access().token(), "Bearer",
                Math.max(0, Duration.between(now, expiresAt).toSeconds()), expiresAt,
                AccountView.of(session.account()));
    }
}
