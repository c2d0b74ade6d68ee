package academy.muse.signaling.room;

/**
 * Per-connection rate limit: up to {@code burst} messages at once, refilled at {@code perSecond}. Used only
 * from the connection's own message handler, so it needs no locking beyond the monitor.
 */
final class TokenBucket {

    private final double capacity;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(int burst, int perSecond, long nowNanos) {
        this.capacity = burst;
        this.perNano = perSecond / 1_000_000_000d;
        this.tokens = burst;
        this.refilledAt = nowNanos;
    }

    synchronized boolean tryTake(long nowNanos) {
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * perNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
