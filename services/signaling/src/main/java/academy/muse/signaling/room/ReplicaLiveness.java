package academy.muse.signaling.room;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which other signaling replicas are alive: each is heard from at least every announce interval (its snapshot),
 * and one silent for longer than the replica timeout is gone. The injected clock is the only source of time, so
 * a test moves it instead of sleeping.
 */
final class ReplicaLiveness {

    private final Clock clock;
    private final Duration timeout;
    /** Other replicas and when (epoch ms) each was last heard from. */
    private final Map<String, Long> heard = new ConcurrentHashMap<>();

    ReplicaLiveness(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Another replica said something: it is alive now. */
    void heardFrom(String replica) {
        heard.put(replica, clock.millis());
    }

    /** The replicas silent for longer than the timeout; each is reported once, then forgotten. */
    List<String> takeSilent() {
        long now = clock.millis();
        List<String> silent = new ArrayList<>();
        for (Map.Entry<String, Long> entry : heard.entrySet()) {
            if (now - entry.getValue() > timeout.toMillis() && heard.remove(entry.getKey(), entry.getValue())) {
                silent.add(entry.getKey());
            }
        }
        return silent;
    }
}
