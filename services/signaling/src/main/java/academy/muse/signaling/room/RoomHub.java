package academy.muse.signaling.room;

import academy.muse.signaling.fanout.FanoutEnvelope;
import academy.muse.signaling.fanout.RoomFanout;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live rooms of one signaling replica, as an endpoint sees them: it hands over connections, text messages
 * and signs of life, and knows nothing of HTTP or a particular WebSocket server. Inside, three parts:
 * {@link RoomIntake} takes every client message (validation, rate limit, relaying), {@link Presence} knows who is
 * in which room on every replica, and {@link ReplicaLiveness} which other replicas are still there. This class
 * wires them to the fan-out and runs their timers.
 */
public final class RoomHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RoomHub.class);

    private final String replica = UUID.randomUUID().toString();
    private final RoomFanout fanout;
    private final Limits limits;
    private final Presence presence;
    private final RoomIntake intake;
    private final ReplicaLiveness replicas;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signaling-room-timers");
        thread.setDaemon(true);
        return thread;
    });

    public RoomHub(RoomFanout fanout, Attendance attendance, Limits limits, ObjectMapper json, Clock clock) {
        this.fanout = fanout;
        this.limits = limits;
        Protocol protocol = new Protocol(json, clock);
        this.presence = new Presence(replica, fanout, attendance, limits, protocol, clock);
        this.intake = new RoomIntake(presence, fanout, limits, protocol, json, clock);
        this.replicas = new ReplicaLiveness(clock, limits.replicaTimeout());
    }

    /** Joins the fan-out and starts the heartbeat and presence timers. */
    public RoomHub start() {
        fanout.subscribe(replica, this::receive, presence::deliver, () -> fanout.publish(FanoutEnvelope.sync(replica)));
        every(limits.heartbeatInterval().toMillis(), presence::heartbeat);
        every(limits.heartbeatInterval().toMillis(), presence::expireDropped);
        every(limits.announceInterval().toMillis(), this::announce);
        return this;
    }

    /** Connections held by this replica. */
    public int connectionCount() {
        return presence.connectionCount();
    }

    /** Rooms with at least one participant connected to this replica. */
    public int roomCount() {
        return presence.roomCount();
    }

    /** The participants present in a room, on any replica. */
    public Set<String> participantsIn(String room) {
        return presence.participantsIn(room);
    }

    /** A participant connected with a verified ticket; a newer connection of the same participant wins. */
    public void join(PeerConnection connection, Ticket ticket) {
        presence.join(connection, ticket);
    }

    /** A connection ended with a goodbye (the client closed it with 1000, or this server ended it): gone now. */
    public void leave(String connectionId, String reason) {
        presence.leave(connectionId, reason);
    }

    /**
     * A connection ended without a goodbye (the network or a proxy between dropped it): its participant keeps their
     * place for the reconnect grace before the room hears they left.
     */
    public void drop(String connectionId, String reason) {
        presence.drop(connectionId, reason);
    }

    /**
     * Rooms closed the room: every replica (told over the fan-out) closes its connections to it with
     * {@link CloseCodes#ROOM_CLOSED}, so no socket outlives the lesson. Returns the connections closed here.
     */
    public int closeRoom(String code) {
        fanout.publish(FanoutEnvelope.roomClosed(replica, code));
        return presence.closeHere(code);
    }

    /** Any sign of life (a pong frame) keeps a connection from timing out. */
    public void touch(String connectionId) {
        intake.touch(connectionId);
    }

    /** One text message from a client: validated, rate-limited, then handled by its type. */
    public void onText(String connectionId, String text) {
        intake.onText(connectionId, text);
    }

    @Override
    public void close() {
        timers.shutdownNow();
        presence.closeAll();
        fanout.close();
    }

    private void receive(FanoutEnvelope envelope) {
        if (replica.equals(envelope.replica())) {
            return;
        }
        replicas.heardFrom(envelope.replica());
        switch (envelope.kind()) {
            case JOINED -> presence.remoteJoined(envelope.peer());
            case LEFT -> presence.remoteLeft(envelope.peer(), envelope.payload());
            case MEDIA -> presence.remoteMedia(envelope.peer());
            case SNAPSHOT -> presence.reconcile(envelope.replica(), envelope.snapshot());
            case SYNC -> presence.announce();
            case ROOM_CLOSED -> presence.closeHere(envelope.room());
        }
    }

    /** Tells the other replicas who is connected here, and forgets replicas that went silent. */
    private void announce() {
        presence.announce();
        replicas.takeSilent().forEach(presence::forgetReplica);
    }

    private void every(long millis, Runnable task) {
        timers.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("A signaling timer task failed", e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }
}
