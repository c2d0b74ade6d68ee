package academy.muse.platform.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one source of "now" in every service: code that reads the time injects this {@link Clock} (never
 * {@code Instant.now()} inline), so a test can replace it with a clock it moves itself instead of sleeping.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
