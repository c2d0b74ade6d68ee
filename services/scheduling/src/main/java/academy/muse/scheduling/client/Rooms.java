package academy.muse.scheduling.client;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Calls to rooms with timeouts, retries with exponential backoff and a circuit breaker: while rooms is down
 * the breaker opens and issuing fails fast, and the lessons wait as "room pending" until it is back.
 * Every value can be tuned per environment with MicroProfile Fault Tolerance config keys, e.g.
 * {@code academy.muse.scheduling.client.Rooms/open/CircuitBreaker/delay}.
 */
@ApplicationScoped
public class Rooms {

    private final RoomsClient client;

    Rooms(@RestClient RoomsClient client) {
        this.client = client;
    }

    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {CircuitBreakerOpenException.class,
            ClientErrorException.class})
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1)
    public RoomsClient.IssuedRoom open(String occurrenceId, RoomsClient.RoomRequest request) {
        return client.open(occurrenceId, request);
    }

    /**
     * The same call as {@link #open}, for a teacher moving a lesson whose room is issued: a person is waiting, so fewer
     * retries; and its own circuit breaker, so that a teacher's moves and the issuer's runs do not trip each other's.
     * A refusal (4xx) is an answer, not rooms being down.
     */
    @Timeout(value = 5, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 1, delay = 200, jitter = 100, abortOn = {CircuitBreakerOpenException.class,
            ClientErrorException.class})
    @CircuitBreaker(requestVolumeThreshold = 8, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = ClientErrorException.class)
    public RoomsClient.IssuedRoom follow(String occurrenceId, RoomsClient.RoomRequest request) {
        return client.open(occurrenceId, request);
    }

    /** The rooms of a batch of occurrences in one call; a longer timeout, since rooms stores the whole batch. */
    @Timeout(value = 20, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {CircuitBreakerOpenException.class,
            ClientErrorException.class})
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS,
            successThreshold = 1, skipOn = ClientErrorException.class)
    public List<RoomsClient.IssuedLessonRoom> openAll(List<RoomsClient.LessonRoom> rooms) {
        return client.openAll(rooms);
    }
}
