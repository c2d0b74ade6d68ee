package academy.muse.contracts.outbox;

import academy.muse.contracts.events.CloudEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends stored events to the broker, oldest first. It runs right after each publish and every second
 * besides, so an event stored while the broker was down goes out within a second of the broker's return.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final BrokerSender broker;
    private final EventsConfig config;
    private final ManagedExecutor executor;
    private final AtomicBoolean running = new AtomicBoolean();

    OutboxRelay(Outbox outbox, BrokerSender broker, EventsConfig config, ManagedExecutor executor) {
        this.outbox = outbox;
        this.broker = broker;
        this.config = config;
        this.executor = executor;
    }

    /** Relays soon, off the caller's thread. */
    void relaySoon() {
        executor.execute(this::relayPending);
    }

    @Scheduled(every = "${muse.events.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relayPending();
    }

    @Scheduled(every = "1h", delayed = "1m")
    void purgeRelayed() {
        outbox.purgeSentBefore(Instant.now().minus(config.retention()));
    }

    /** Relays up to one batch; returns how many events went out. At most one run at a time per replica. */
    public int relayPending() {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            Instant now = Instant.now();
            List<OutboxEntry> batch = outbox.claimBatch(now, now.plus(config.lease()), config.batchSize());
            int sent = 0;
            for (OutboxEntry entry : batch) {
                if (!send(entry)) {
                    // The broker is away: give the rest back at once rather than letting their leases run out.
                    batch.subList(sent + 1, batch.size()).forEach(rest -> outbox.release(rest.eventId()));
                    break;
                }
                sent++;
            }
            return sent;
        } finally {
            running.set(false);
        }
    }

    private boolean send(OutboxEntry entry) {
        try {
            broker.send(entry.address(), entry.eventId(), CloudEvent.CONTENT_TYPE, entry.cloudEventJson(),
                    config.sendTimeout());
            outbox.markSent(entry.eventId(), Instant.now());
            LOG.debugf("Relayed event %s (%s, subject %s)", entry.eventId(), entry.type(), entry.subject());
            return true;
        } catch (BrokerSender.BrokerUnavailableException e) {
            outbox.release(entry.eventId());
            LOG.warnf("Broker unavailable; event %s (%s) waits in the outbox: %s", entry.eventId(), entry.type(),
                    e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return false;
        }
    }
}
