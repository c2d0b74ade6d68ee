package academy.muse.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How a service publishes its events. */
@ConfigMapping(prefix = "muse.events")
public interface EventsConfig {

    /** This service's name; the CloudEvents {@code source} is {@code /muse/<source>}. */
    String source();

    /** How long a relay waits for the broker to accept one event before it tries again later. */
    @WithDefault("5s")
    Duration sendTimeout();

    /** How long a relay's claim on an event lasts; another replica may relay it after that. */
    @WithDefault("30s")
    Duration lease();

    /** How many events a relay claims and sends at once, awaiting the broker's acknowledgements together. */
    @WithDefault("500")
    int batchSize();

    /**
     * How long relayed events are kept in the outbox (for inspection) before they are deleted. Short, so that the
     * outbox holds little more than what waits: the search for waiting events reads it every second.
     */
    @WithDefault("15m")
    Duration retention();
}
