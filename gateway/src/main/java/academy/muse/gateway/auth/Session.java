package academy.muse.gateway.auth;

import academy.muse.gateway.account.Account;

import java.time.Instant;

/** What a sign-in or a refresh hands out: an access token, and a refresh token for the cookie. */
public record Session(Account account, AccessToken access, String refreshToken, Instant refreshExpiresAt) {
}
