package academy.muse.signaling.room;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Replica liveness runs on the injected clock: these tests move the clock, nobody sleeps. */
class ReplicaLivenessTest {

    private final MovableClock clock = new MovableClock();
    private final ReplicaLiveness liveness = new ReplicaLiveness(clock, Duration.ofSeconds(20));

    @Test
    void aReplicaHeardFromWithinTheTimeoutIsAlive() {
        liveness.heardFrom("replica-b");
        clock.advance(Duration.ofSeconds(20));

        assertThat(liveness.takeSilent()).isEmpty();
    }

    @Test
    void aReplicaSilentForLongerThanTheTimeoutIsGoneAndReportedOnce() {
        liveness.heardFrom("replica-b");
        liveness.heardFrom("replica-c");
        clock.advance(Duration.ofSeconds(15));
        liveness.heardFrom("replica-c");
        clock.advance(Duration.ofSeconds(6));

        assertThat(liveness.takeSilent()).containsExactly("replica-b");
        assertThat(liveness.takeSilent()).isEmpty();
    }

    @Test
    void aReplicaThatSpeaksAgainAfterBeingForgottenIsWatchedAgain() {
        liveness.heardFrom("replica-b");
        clock.advance(Duration.ofSeconds(21));
        assertThat(liveness.takeSilent()).containsExactly("replica-b");

        liveness.heardFrom("replica-b");
        clock.advance(Duration.ofSeconds(21));

        assertThat(liveness.takeSilent()).containsExactly("replica-b");
    }

    /** A clock that stands still until a test moves it. */
    static final class MovableClock extends Clock {

        // Read by room hubs' timer threads while the test moves it.
        private volatile Instant now = Instant.parse("2026-12-03T18:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
