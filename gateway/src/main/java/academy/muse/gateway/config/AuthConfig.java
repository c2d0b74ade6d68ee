package academy.muse.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the gateway signs people in: token lifetimes, password hashing and login rate limits. */
@ConfigMapping(prefix = "muse.auth")
public interface AuthConfig {

    /** How long an access token is valid; the web app refreshes it shortly before it expires. */
    @WithDefault("10m")
    Duration accessTokenLifetime();

    /** How long a refresh token is valid; each refresh replaces it with a new one valid this long again. */
    @WithDefault("14d")
    Duration refreshTokenLifetime();

    /** How long an invitation link may be used (once). */
    @WithDefault("7d")
    Duration invitationLifetime();

    /**
     * The bcrypt cost (log2 of the rounds, 4..31). Each step doubles the time a hash takes, for us and for an
     * attacker holding a stolen hash; 12 takes a few hundred milliseconds on a small node.
     */
    @WithDefault("12")
    int bcryptCost();

    /**
     * Whether the refresh cookie is marked Secure (sent over HTTPS only). Browsers accept Secure cookies from
     * {@code http://localhost}; turn this off only for a plain-HTTP test address other than localhost.
     */
    @WithDefault("true")
    boolean refreshCookieSecure();

    /** Login rate limits. */
    LoginLimits login();

    interface LoginLimits {

        /** Failed logins for one account from one address before each further attempt from there must wait. */
        @WithDefault("3")
        int freeFailuresPerAccount();

        /** The first wait after the free failures; it doubles with each further failure. */
        @WithDefault("1s")
        Duration firstDelay();

        /** The longest wait between two attempts for one account from one address; never a lock-out. */
        @WithDefault("5m")
        Duration maxDelay();

        /** Failed logins from one client address within {@link #window()} before further attempts get 429. */
        @WithDefault("20")
        int failuresPerAddress();

        /** Sign-ups from one client address within {@link #window()} before further ones get 429. */
        @WithDefault("10")
        int signUpsPerAddress();

        /** How long a failed login or a sign-up counts against its account and address. */
        @WithDefault("15m")
        Duration window();
    }
}
