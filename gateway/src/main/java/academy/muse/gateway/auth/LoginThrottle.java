package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.config.AuthConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without locking anyone out.
 * <ul>
 *   <li>Per account and address: after a few failures each further attempt from that address must wait, the wait
 *   doubling per failure up to a ceiling. Nobody else's failures delay the owner signing in from their own address,
 *   and after the wait the right password gets in: a hard lock would let anyone lock the owner out.</li>
 *   <li>Per address: past a number of failures in a window, every sign-in from it gets 429 (one address guessing
 *   many accounts).</li>
 *   <li>Per address: sign-ups in a window (each costs a slow hash and stores an account).</li>
 * </ul>
 * The address is the peer's, or X-Forwarded-For's only from a trusted proxy ({@code quarkus.http.proxy.trusted-proxies}).
 * Kept in memory per replica: with N replicas an attacker gets at most N times the allowance.
 */
@ApplicationScoped
public class LoginThrottle {

    private final AuthConfig.LoginLimits limits;
    private final Clock clock;
    private final Map<String, List<Instant>> events = new ConcurrentHashMap<>();

    LoginThrottle(AuthConfig config, Clock clock) {
        this.clock = clock;
        this.limits = config.login();
    }

    /** Throws 429 (with Retry-After) when this address failed too often, or this account from it must still wait. */
    public void requireAllowed(String email, String address) {
        Instant now = clock.instant();
        Instant until = later(limitedUntil(addressKey(address), limits.failuresPerAddress(), now),
                delayedUntil(pairKey(email, address), now));
        if (until != null) {
            throw tooMany("Too many failed sign-ins; try again in %d seconds", now, until);
        }
    }

    public void recordFailure(String email, String address) {
        Instant now = clock.instant();
        record(pairKey(email, address), now);
        record(addressKey(address), now);
    }

    /** A correct password clears the account's failures from this address (not the address's own count). */
    public void recordSuccess(String email, String address) {
        events.remove(pairKey(email, address));
    }

    /** Counts a sign-up from this address, or throws 429 when the address has made too many recently. */
    public void admitSignUp(String address) {
        Instant now = clock.instant();
        String key = "signup:" + address;
        Instant until = limitedUntil(key, limits.signUpsPerAddress(), now);
        if (until != null) {
            throw tooMany("Too many sign-ups from this address; try again in %d seconds", now, until);
        }
        record(key, now);
    }

    @Scheduled(every = "1m", delayed = "1m")
    void forgetOldEvents() {
        Instant cutoff = clock.instant().minus(limits.window());
        events.keySet().forEach(key -> events.computeIfPresent(key, (ignored, times) -> recent(times, cutoff)));
    }

    /** Lists are never changed once in the map: each change puts a new list, under the map's lock for that key. */
    private void record(String key, Instant now) {
        events.compute(key, (ignored, times) -> {
            List<Instant> updated = times == null ? new ArrayList<>() : new ArrayList<>(times);
            updated.add(now);
            return updated;
        });
    }

    /** When the key will be below its limit again, or null if it is already. */
    private Instant limitedUntil(String key, int limit, Instant now) {
        List<Instant> times = recentOf(key, now);
        if (times == null || times.size() < limit) {
            return null;
        }
        return times.get(times.size() - limit).plus(limits.window());
    }

    /** When the next attempt may come: the last failure plus a wait that doubles per failure past the free ones. */
    private Instant delayedUntil(String key, Instant now) {
        List<Instant> times = recentOf(key, now);
        if (times == null || times.size() < limits.freeFailuresPerAccount()) {
            return null;
        }
        int doublings = Math.min(times.size() - limits.freeFailuresPerAccount(), 30);
        Duration wait = limits.firstDelay().multipliedBy(1L << doublings);
        Instant until = times.get(times.size() - 1).plus(wait.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : wait);
        return until.isAfter(now) ? until : null;
    }

    private List<Instant> recentOf(String key, Instant now) {
        return events.computeIfPresent(key, (ignored, all) -> recent(all, now.minus(limits.window())));
    }

    /** The events after the cutoff, as a new list (null when none, which removes the key). */
    private static List<Instant> recent(List<Instant> times, Instant cutoff) {
        List<Instant> kept = new ArrayList<>(times.stream().filter(time -> !time.isBefore(cutoff)).toList());
        return kept.isEmpty() ? null : kept;
    }

    private static ProblemException tooMany(String detail, Instant now, Instant until) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds() + 1);
        return ProblemException.tooManyRequests(detail.formatted(seconds), seconds);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String pairKey(String email, String address) {
        return "account:" + email + "|" + address;
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
