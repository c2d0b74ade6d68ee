package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.config.AuthConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per account (email) and per client address over a sliding window; once either has
 * reached its limit, further attempts get 429 with Retry-After until enough failures have aged out.
 * Kept in memory per replica: with N replicas an attacker gets at most N times the limit, which still
 * makes guessing a password hopeless, and a restart forgets nothing that matters for long.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AuthConfig.LoginLimits limits;
    private final Map<String, List<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(AuthConfig config) {
        this.limits = config.login();
    }

    /** Throws 429 when this account or this address has failed too often recently. */
    public void requireAllowed(String email, String address) {
        Instant now = Instant.now();
        Instant until = later(blockedUntil(accountKey(email), limits.failuresPerAccount(), now),
                blockedUntil(addressKey(address), limits.failuresPerAddress(), now));
        if (until != null) {
            long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
            throw ProblemException.tooManyRequests(
                    "Too many failed sign-ins; try again in " + seconds + " seconds", seconds);
        }
    }

    public void recordFailure(String email, String address) {
        Instant now = Instant.now();
        record(accountKey(email), now);
        record(addressKey(address), now);
    }

    /** A correct password clears the account's count (not the address's: one success must not unlock guessing). */
    public void recordSuccess(String email) {
        failures.remove(accountKey(email));
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetOldFailures() {
        Instant cutoff = Instant.now().minus(limits.window());
        failures.keySet().forEach(key -> failures.computeIfPresent(key, (ignored, times) -> recent(times, cutoff)));
    }

    /** Lists are never changed once in the map: each change puts a new list, under the map's lock for that key. */
    private void record(String key, Instant now) {
        failures.compute(key, (ignored, times) -> {
            List<Instant> updated = times == null ? new ArrayList<>() : new ArrayList<>(times);
            updated.add(now);
            return updated;
        });
    }

    /** When the key will be below its limit again, or null if it is already. */
    private Instant blockedUntil(String key, int limit, Instant now) {
        List<Instant> times = failures.computeIfPresent(key,
                (ignored, all) -> recent(all, now.minus(limits.window())));
        if (times == null || times.size() < limit) {
            return null;
        }
        return times.get(times.size() - limit).plus(limits.window());
    }

    /** The failures after the cutoff, as a new list (null when none, which removes the key). */
    private static List<Instant> recent(List<Instant> times, Instant cutoff) {
        List<Instant> kept = new ArrayList<>(times.stream().filter(time -> !time.isBefore(cutoff)).toList());
        return kept.isEmpty() ? null : kept;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String accountKey(String email) {
        return "account:" + email;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
