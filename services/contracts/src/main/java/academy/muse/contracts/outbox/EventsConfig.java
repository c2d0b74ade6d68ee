package academy.muse.contracts.outbox;

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

    /** How many events one relay run sends at most. */
    @WithDefault("200")
    int batchSize();

    /** How long relayed events are kept in the outbox (for inspection) before they are purged. */
    @WithDefault("7d")
    Duration retention();
}
