package academy.muse.signaling.room;

import academy.muse.signaling.fanout.FanoutEnvelope;
import academy.muse.signaling.fanout.RoomFanout;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import static academy.muse.signaling.fanout.FanoutEnvelope.Kind.JOINED;
import static academy.muse.signaling.fanout.FanoutEnvelope.Kind.MEDIA;

/**
 * Who is in which room, on this replica and on the others: joins, reconnects, leaves, media state, the
 * snapshots replicas exchange, and the connections of this replica that went silent.
 *
 * <p>Presence changes happen under one lock and are published to the fan-out while holding it, so other
 * replicas see this replica's changes in the order they happened; relaying reads concurrent maps only.
 */
final class Presence {

    private static final Logger LOG = Logger.getLogger(Presence.class);

    private final String replica;
    private final RoomFanout fanout;
    private final Attendance attendance;
    private final Limits limits;
    private final Protocol protocol;
    private final Clock clock;

    /** Everyone present, on any replica: room code → participant id → record. Changed only under the lock. */
    private final Map<String, Map<String, PeerRecord>> rooms = new ConcurrentHashMap<>();
    /** Participants connected to this replica: room code → participant id → peer. */
    private final Map<String, Map<String, LocalPeer>> local = new ConcurrentHashMap<>();
    private final Map<String, LocalPeer> connections = new ConcurrentHashMap<>();
    /** Connections of this replica that ended without a goodbye, by connection id, within their reconnect grace. */
    private final Map<String, Dropped> dropped = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    Presence(String replica, RoomFanout fanout, Attendance attendance, Limits limits, Protocol protocol, Clock clock) {
        this.replica = replica;
        this.fanout = fanout;
        this.attendance = attendance;
        this.limits = limits;
        this.protocol = protocol;
        this.clock = clock;
    }

    int connectionCount() {
        return connections.size();
    }

    int roomCount() {
        return local.size();
    }

    Set<String> participantsIn(String room) {
        return Set.copyOf(rooms.getOrDefault(room, Map.of()).keySet());
    }

    LocalPeer connection(String connectionId) {
        return connections.get(connectionId);
    }

    /** Whom a participant of {@code room} may address as {@code participant}: anyone present there but themselves. */
    PeerRecord addressee(String room, String sender, String participant) {
        return participant.equals(sender) ? null : rooms.getOrDefault(room, Map.of()).get(participant);
    }

    boolean isHere(PeerRecord record) {
        return record.replica().equals(replica);
    }

    void join(PeerConnection connection, Ticket ticket) {
        LocalPeer peer = new LocalPeer(ticket, connection, limits, clock.millis(), System.nanoTime());
        String code = ticket.room();
        String participant = ticket.participantId();
        PeerRecord previous;
        PeerRecord record;
        synchronized (lock) {
            Map<String, PeerRecord> room = rooms.computeIfAbsent(code, ignored -> new ConcurrentHashMap<>());
            previous = room.get(participant);
            record = new PeerRecord(code, participant, ticket.name(), ticket.role(), connection.id(), replica,
                    previous == null ? MediaState.INITIAL : previous.media());
            List<PeerRecord> others = room.values().stream()
                    .filter(other -> !other.participantId().equals(participant)).toList();
            // The welcome is written before the connection becomes reachable: a relay from another thread
            // (a reconnecting participant's peers still address them) must never arrive ahead of it.
            connection.send(protocol.welcome(record, others, limits));
            LocalPeer replaced = local.computeIfAbsent(code, ignored -> new ConcurrentHashMap<>()).put(participant, peer);
            connections.put(connection.id(), peer);
            if (replaced != null) {
                retire(replaced);
            }
            room.put(participant, record);
            tellLocal(code, participant, previous == null ? protocol.peerJoined(record) : protocol.peerRejoined(record));
            fanout.publish(FanoutEnvelope.about(JOINED, replica, record));
        }
        LOG.infof("Participant %s %s room %s as %s (connection %s)", participant,
                previous == null ? "joined" : "reconnected to", code, ticket.role(), connection.id());
        // Also for a reconnect: rooms counts presence per connection, and its "joined" for the new connection
        // replaces the old one there; without it the final "left" would name a connection rooms never saw.
        attendance.joined(record);
    }

    /** A connection ended with a goodbye (or was ended by this server): its participant leaves the room now. */
    void leave(String connectionId, String reason) {
        LocalPeer peer = connections.remove(connectionId);
        if (peer != null) {
            depart(peer, reason);
        }
    }

    /**
     * A connection ended without a goodbye: its participant stays in the room for the reconnect grace, so that a
     * restart of whatever carried the connection (the gateway, the network) costs the room nothing. A reconnect
     * within the grace is a {@code peer-rejoined}; otherwise {@link #expireDropped()} lets them leave then.
     */
    void drop(String connectionId, String reason) {
        LocalPeer peer = connections.remove(connectionId);
        if (peer == null) {
            return;
        }
        synchronized (lock) {
            unlist(peer);
            dropped.put(connectionId, new Dropped(peer, reason, clock.millis()));
        }
        LOG.infof("Connection %s of participant %s in room %s ended without a goodbye (%s); %d ms to reconnect",
                connectionId, peer.participantId(), peer.room(), reason, limits.reconnectGrace().toMillis());
    }

    /** Lets the participants of dropped connections leave whose grace ran out (a reconnect made it a no-op). */
    void expireDropped() {
        long due = clock.millis() - limits.reconnectGrace().toMillis();
        for (Dropped gone : List.copyOf(dropped.values())) {
            if (gone.atMillis() <= due && dropped.remove(gone.peer().connection.id(), gone)) {
                depart(gone.peer(), gone.reason());
            }
        }
    }

    /** A connection of this replica that ended without a goodbye, and when. */
    private record Dropped(LocalPeer peer, String reason, long atMillis) {
    }

    /** The participant of this (already closed) connection leaves, unless a newer connection of theirs holds the room. */
    private void depart(LocalPeer peer, String reason) {
        String connectionId = peer.connection.id();
        PeerRecord gone;
        synchronized (lock) {
            unlist(peer);
            gone = removeIfCurrent(peer.room(), peer.participantId(), connectionId, reason);
            if (gone != null) {
                fanout.publish(FanoutEnvelope.left(replica, gone, reason));
            }
        }
        if (gone != null) {
            LOG.infof("Participant %s left room %s (%s, connection %s)", gone.participantId(), gone.room(), reason,
                    connectionId);
            attendance.left(gone);
        }
    }

    /** No longer reachable here: messages for the participant wait for their next connection. Call under the lock. */
    private void unlist(LocalPeer peer) {
        Map<String, LocalPeer> here = local.get(peer.room());
        if (here != null) {
            here.remove(peer.participantId(), peer);
            if (here.isEmpty()) {
                local.remove(peer.room(), here);
            }
        }
    }

    /** Closes every connection of this replica to a room that rooms closed; returns how many. */
    int closeHere(String code) {
        List<LocalPeer> peers = List.copyOf(local.getOrDefault(code, Map.of()).values());
        for (LocalPeer peer : peers) {
            peer.connection.close(CloseCodes.ROOM_CLOSED, "room closed");
            leave(peer.connection.id(), "room-closed");
        }
        // Whoever was waiting to reconnect has nothing to come back to.
        for (Dropped waiting : List.copyOf(dropped.values())) {
            if (waiting.peer().room().equals(code) && dropped.remove(waiting.peer().connection.id(), waiting)) {
                depart(waiting.peer(), "room-closed");
            }
        }
        if (!peers.isEmpty()) {
            LOG.infof("Room %s closed: %d connection(s) on this replica ended", code, peers.size());
        }
        return peers.size();
    }

    /** Ends every connection of this replica (shutting down). */
    void closeAll() {
        for (LocalPeer peer : List.copyOf(connections.values())) {
            peer.connection.close(1001, "server shutting down");
            leave(peer.connection.id(), "left");
        }
    }

    void changeMedia(LocalPeer peer, MediaState media) {
        synchronized (lock) {
            Map<String, PeerRecord> room = rooms.get(peer.room());
            PeerRecord current = room == null ? null : room.get(peer.participantId());
            if (current == null || !current.connectionId().equals(peer.connection.id())) {
                return;
            }
            PeerRecord updated = current.withMedia(media);
            room.put(updated.participantId(), updated);
            tellLocal(updated.room(), updated.participantId(), protocol.mediaState(updated));
            fanout.publish(FanoutEnvelope.about(MEDIA, replica, updated));
        }
    }

    void remoteJoined(PeerRecord record) {
        synchronized (lock) {
            Map<String, PeerRecord> room = rooms.computeIfAbsent(record.room(), ignored -> new ConcurrentHashMap<>());
            PeerRecord previous = room.put(record.participantId(), record);
            if (record.sameConnection(previous)) {
                return;
            }
            Map<String, LocalPeer> here = local.get(record.room());
            LocalPeer mine = here == null ? null : here.get(record.participantId());
            if (mine != null) {
                here.remove(record.participantId(), mine);
                retire(mine);
            }
            tellLocal(record.room(), record.participantId(),
                    previous == null ? protocol.peerJoined(record) : protocol.peerRejoined(record));
        }
    }

    void remoteLeft(PeerRecord peer, String reason) {
        synchronized (lock) {
            removeIfCurrent(peer.room(), peer.participantId(), peer.connectionId(), reason);
        }
    }

    void remoteMedia(PeerRecord record) {
        synchronized (lock) {
            Map<String, PeerRecord> room = rooms.get(record.room());
            if (room != null && record.sameConnection(room.get(record.participantId()))) {
                room.put(record.participantId(), record);
                tellLocal(record.room(), record.participantId(), protocol.mediaState(record));
            }
        }
    }

    /**
     * Brings this replica's view of another replica's participants in line with that replica's own list:
     * adds whom we missed, removes whom it no longer holds. A snapshot never moves a participant between
     * replicas; only a JOINED does.
     */
    void reconcile(String otherReplica, List<PeerRecord> snapshot) {
        Set<String> listed = snapshot.stream().map(PeerRecord::connectionId).collect(Collectors.toSet());
        synchronized (lock) {
            for (PeerRecord record : snapshot) {
                Map<String, PeerRecord> room = rooms.computeIfAbsent(record.room(), ignored -> new ConcurrentHashMap<>());
                if (room.putIfAbsent(record.participantId(), record) == null) {
                    tellLocal(record.room(), record.participantId(), protocol.peerJoined(record));
                }
            }
            for (PeerRecord record : recordsOf(otherReplica)) {
                if (!listed.contains(record.connectionId())) {
                    removeIfCurrent(record.room(), record.participantId(), record.connectionId(), "left");
                }
            }
        }
    }

    /** Tells the other replicas who is connected here. */
    void announce() {
        synchronized (lock) {
            fanout.publish(FanoutEnvelope.snapshot(replica, recordsOf(replica)));
        }
    }

    /** A replica went silent: its participants leave every room, with reason {@code lost}. */
    void forgetReplica(String lostReplica) {
        List<PeerRecord> gone = new ArrayList<>();
        synchronized (lock) {
            for (PeerRecord record : recordsOf(lostReplica)) {
                PeerRecord removed = removeIfCurrent(record.room(), record.participantId(), record.connectionId(), "lost");
                if (removed != null) {
                    gone.add(removed);
                }
            }
        }
        LOG.warnf("Signaling replica %s went silent; %d participants left their rooms", lostReplica, gone.size());
        // Every surviving replica reports these; the events' ids are derived from the connection, so one counts.
        gone.forEach(attendance::left);
    }

    /**
     * Pings every connection of this replica, and drops those silent for longer than the heartbeat timeout (their
     * participants get the reconnect grace: a silent network often comes back).
     */
    void heartbeat() {
        long now = clock.millis();
        for (LocalPeer peer : List.copyOf(connections.values())) {
            if (now - peer.lastSeenMillis > limits.heartbeatTimeout().toMillis()) {
                LOG.infof("Connection %s of participant %s in room %s missed its heartbeat", peer.connection.id(),
                        peer.participantId(), peer.room());
                drop(peer.connection.id(), "timeout");
                peer.connection.close(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
            } else {
                peer.connection.ping();
            }
        }
    }

    /** Sends a message to a participant connected to this replica, if they still are. */
    void deliver(String room, String participant, String text) {
        LocalPeer peer = local.getOrDefault(room, Map.of()).get(participant);
        if (peer != null) {
            peer.connection.send(text);
        }
    }

    private List<PeerRecord> recordsOf(String owner) {
        return rooms.values().stream().flatMap(room -> room.values().stream())
                .filter(record -> record.replica().equals(owner)).toList();
    }

    /** Removes a participant if this connection is still theirs, and tells the room here. Call under the lock. */
    private PeerRecord removeIfCurrent(String code, String participant, String connectionId, String reason) {
        Map<String, PeerRecord> room = rooms.get(code);
        PeerRecord current = room == null ? null : room.get(participant);
        if (current == null || !current.connectionId().equals(connectionId)) {
            return null;
        }
        room.remove(participant);
        if (room.isEmpty()) {
            rooms.remove(code, room);
        }
        tellLocal(code, participant, protocol.peerLeft(current, reason));
        return current;
    }

    /** Closes a connection that a newer one of the same participant replaced; the room hears nothing of it. */
    private void retire(LocalPeer old) {
        connections.remove(old.connection.id());
        old.connection.close(CloseCodes.REPLACED, "replaced by a newer connection");
    }

    private void tellLocal(String room, String except, String text) {
        local.getOrDefault(room, Map.of()).forEach((participant, peer) -> {
            if (!participant.equals(except)) {
                peer.connection.send(text);
            }
        });
    }
}
