package academy.muse.signaling.attendance;

import academy.muse.contracts.events.EventType;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.ParticipantEvents.ParticipantJoined;
import academy.muse.contracts.events.ParticipantEvents.ParticipantLeft;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.signaling.room.Attendance;
import academy.muse.signaling.room.PeerRecord;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Publishes {@code participant.joined} and {@code participant.left} through the outbox. Storing an event
 * blocks, so it happens on one thread of its own (which also keeps a connection's joined before its left).
 * Event ids derive from the connection: when several replicas report the same participant lost with a
 * dead replica, the outbox keeps one event.
 */
@ApplicationScoped
public class AttendanceEvents implements Attendance {

    private static final Logger LOG = Logger.getLogger(AttendanceEvents.class);

    private final EventPublisher publisher;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signaling-attendance");
        thread.setDaemon(true);
        return thread;
    });

    private final Clock clock;

    AttendanceEvents(EventPublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public void joined(PeerRecord peer) {
        publish(Events.PARTICIPANT_JOINED, ParticipantJoined.eventId(peer.connectionId()), peer,
                new ParticipantJoined(peer.room(), peer.participantId(), peer.role(), peer.connectionId(), clock.instant()));
    }

    @Override
    public void left(PeerRecord peer) {
        publish(Events.PARTICIPANT_LEFT, ParticipantLeft.eventId(peer.connectionId()), peer,
                new ParticipantLeft(peer.room(), peer.participantId(), peer.role(), peer.connectionId(), clock.instant()));
    }

    @PreDestroy
    void stop() {
        writer.shutdown();
    }

    private <T> void publish(EventType<T> type, String eventId, PeerRecord peer, T data) {
        try {
            writer.execute(() -> {
                try {
                    publisher.publish(type, eventId, peer.room(), data);
                } catch (RuntimeException e) {
                    LOG.errorf(e, "Could not store %s for participant %s in room %s", type.type(),
                            peer.participantId(), peer.room());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warnf("Shutting down: %s for participant %s in room %s not stored", type.type(), peer.participantId(),
                    peer.room());
        }
    }
}
