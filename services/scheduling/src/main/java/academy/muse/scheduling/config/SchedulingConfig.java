package academy.muse.scheduling.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How scheduling books lessons and issues their rooms. */
@ConfigMapping(prefix = "muse.scheduling")
public interface SchedulingConfig {

    /** How long before a lesson starts its room is issued. */
    @WithDefault("10m")
    Duration roomLeadTime();

    /** How far ahead a series' occurrences are materialised; a scheduled job keeps extending it. */
    @WithDefault("26")
    int horizonWeeks();

    /** The longest lesson a teacher may book. */
    @WithDefault("8h")
    Duration maxDuration();

    /** The most students one lesson may have (one student or a small ensemble). */
    @WithDefault("6")
    int maxStudents();

    /** The furthest ahead a series may end (end date or last counted occurrence), in years. */
    @WithDefault("5")
    int maxSeriesYears();

    /** The public base URL of calendar feed links, as a calendar app reaches the gateway. */
    @WithDefault("${muse.public-url:http://localhost:8080}/api/scheduling")
    String publicBaseUrl();

    /** How often the horizon of every series is extended ({@code off} disables it). */
    @WithDefault("1h")
    String horizonEvery();

    Issuer issuer();

    interface Issuer {

        /** How often the room issuer looks for due occurrences ({@code off} disables it). */
        @WithDefault("15s")
        String every();

        /** How long one issuer's claim on an occurrence lasts; after a crash another issuer takes over then. */
        @WithDefault("1m")
        Duration lease();

        /**
         * How long an occurrence waits after a failed attempt before it is tried again, times its attempts
         * (capped at the lease). A down rooms service opens the circuit breaker and stops the run instead.
         */
        @WithDefault("5s")
        Duration retryBackoff();

        /** How many claim batches one replica issues in parallel. */
        @WithDefault("4")
        int workers();

        /**
         * How many occurrences one claim takes at most: they are claimed with one update, asked of rooms in one call,
         * announced with one outbox write and stored with one bulk write.
         */
        @WithDefault("100")
        int claimBatch();

        /** How many due occurrences one read of the store finds at most; a run reads again until none is left. */
        @WithDefault("10000")
        int candidatesPerRead();

        /** How many occurrences one run issues at most, so that a run ends and the next one starts fresh. */
        @WithDefault("20000")
        int batchSize();
    }
}
