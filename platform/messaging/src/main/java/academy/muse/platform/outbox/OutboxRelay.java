package academy.muse.platform.outbox;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.platform.lease.Lease;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends stored events to the broker in batches: a batch is claimed with one conditional update, sent in one go,
 * and marked sent with one update once the broker has acknowledged it. Events this replica has just stored are
 * relayed right away by their ids (no search of the outbox); a run every second besides picks up whatever is left
 * (events stored while the broker was down, or claimed by a replica that crashed), oldest first. Sent entries are
 * deleted after the retention. An event may go out twice (a crash between the broker's acknowledgement and the
 * mark); consumers handle each event id once ({@link academy.muse.platform.inbox.Inbox}).
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final Outbox outbox;
    private final BrokerSender broker;
    private final EventsConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Queue<String> justStored = new ConcurrentLinkedQueue<>();

    OutboxRelay(Outbox outbox, BrokerSender broker, EventsConfig config, ManagedExecutor executor, Clock clock) {
        this.outbox = outbox;
        this.broker = broker;
        this.config = config;
        this.executor = executor;
        this.clock = clock;
    }

    /** Relays these just stored events soon, off the caller's thread. */
    void relaySoon(List<String> eventIds) {
        justStored.addAll(eventIds);
        executor.execute(this::relayJustStored);
    }

    @Scheduled(every = "${muse.events.relay-every:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayOnSchedule() {
        relayPending();
    }

    @Scheduled(every = "${muse.events.purge-every:1m}", delayed = "1m")
    void purgeRelayed() {
        outbox.purgeSentBefore(clock.instant().minus(config.retention()));
    }

    /**
     * Relays what this replica has just stored, then one batch of whatever else waits; returns how many events
     * went out. At most one run at a time per replica.
     */
    public int relayPending() {
        return exclusively(() -> relayQueued() + relayBatch(claimOldest()));
    }

    private void relayJustStored() {
        exclusively(this::relayQueued);
    }

    private interface Run {
        int relay();
    }

    private int exclusively(Run run) {
        int sent = 0;
        Run next = run;
        // A publisher that queues its events while a run is ending finds the run busy: look at the queue once more.
        while (running.compareAndSet(false, true)) {
            try {
                sent += next.relay();
            } finally {
                running.set(false);
            }
            if (justStored.isEmpty()) {
                break;
            }
            next = this::relayQueued;
        }
        return sent;
    }

    /** Relays the queued ids batch by batch; stops (leaving them to the scheduled run) when the broker is away. */
    private int relayQueued() {
        int sent = 0;
        List<String> ids;
        while (!(ids = takeQueued()).isEmpty()) {
            Instant now = clock.instant();
            Lease.Held<List<OutboxEntry>> batch = outbox.claim(ids, now, now.plus(config.lease()));
            int relayed = relayBatch(batch);
            sent += relayed;
            if (relayed < batch.value().size()) {
                justStored.clear();
                break;
            }
        }
        return sent;
    }

    private List<String> takeQueued() {
        Set<String> ids = new HashSet<>();
        String id;
        while (ids.size() < config.batchSize() && (id = justStored.poll()) != null) {
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    private Lease.Held<List<OutboxEntry>> claimOldest() {
        Instant now = clock.instant();
        return outbox.claimBatch(now, now.plus(config.lease()), config.batchSize());
    }

    /** Sends a claimed batch, marks what the broker accepted as sent and gives the rest back; returns how many went. */
    private int relayBatch(Lease.Held<List<OutboxEntry>> held) {
        List<OutboxEntry> batch = held.value();
        if (batch.isEmpty()) {
            return 0;
        }
        List<BrokerSender.Message> messages = batch.stream().map(entry -> new BrokerSender.Message(entry.address(),
                entry.eventId(), CloudEvent.CONTENT_TYPE, entry.cloudEventJson())).toList();
        List<String> accepted;
        try {
            accepted = broker.sendAll(messages, config.sendTimeout());
        } catch (BrokerSender.BrokerUnavailableException e) {
            outbox.release(batch.stream().map(OutboxEntry::eventId).toList(), held.token());
            LOG.warnf("Broker unavailable; %d event(s) wait in the outbox: %s", batch.size(),
                    e.getCause() == null ? e.getMessage() : e.getCause().toString());
            return 0;
        }
        outbox.markSent(accepted, clock.instant());
        Set<String> sent = new HashSet<>(accepted);
        List<String> notSent = batch.stream().map(OutboxEntry::eventId).filter(id -> !sent.contains(id)).toList();
        outbox.release(notSent, held.token());
        if (!notSent.isEmpty()) {
            LOG.warnf("The broker accepted %d of %d event(s) in time; the rest wait in the outbox", accepted.size(),
                    batch.size());
        }
        LOG.debugf("Relayed %d event(s)", accepted.size());
        return accepted.size();
    }
}
