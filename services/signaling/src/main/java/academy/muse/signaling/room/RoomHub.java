package academy.muse.signaling.room;

import academy.muse.signaling.fanout.FanoutEnvelope;
import academy.muse.signaling.fanout.RoomFanout;
import academy.muse.signaling.room.Protocol.ErrorCode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static academy.muse.signaling.fanout.FanoutEnvelope.Kind.JOINED;
import static academy.muse.signaling.fanout.FanoutEnvelope.Kind.MEDIA;

/**
 * The live rooms of one signaling replica: who is present (here and on other replicas), relaying offers,
 * answers and candidates to one addressee, media state, heartbeats and input validation. It knows nothing
 * about HTTP or a particular WebSocket server: an endpoint hands it connections and text messages.
 *
 * <p>Presence changes happen under one lock and are published to the fan-out while holding it, so other
 * replicas see this replica's changes in the order they happened; relaying reads concurrent maps only.
 */
public final class RoomHub implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RoomHub.class);
    private static final Set<String> SIGNALS = Set.of("offer", "answer", "candidate");
    /** An SDP direction attribute that sends media. */
    private static final Pattern SENDING = Pattern.compile("^a=(sendrecv|sendonly)\\s*$", Pattern.MULTILINE);

    private final String replica = UUID.randomUUID().toString();
    private final RoomFanout fanout;
    private final Attendance attendance;
    private final Limits limits;
    private final ObjectMapper json;
    private final Protocol protocol;
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signaling-room-timers");
        thread.setDaemon(true);
        return thread;
    });

    /** Everyone present, on any replica: room code → participant id → record. Changed only under the lock. */
    private final Map<String, Map<String, PeerRecord>> rooms = new ConcurrentHashMap<>();
    /** Participants connected to this replica: room code → participant id → peer. */
    private final Map<String, Map<String, LocalPeer>> local = new ConcurrentHashMap<>();
    private final Map<String, LocalPeer> connections = new ConcurrentHashMap<>();
    /** Other replicas and when (System.nanoTime) each was last heard from. */
    private final Map<String, Long> replicasHeard = new ConcurrentHashMap<>();
    private final Object lock = new Object();

    public RoomHub(RoomFanout fanout, Attendance attendance, Limits limits, ObjectMapper json, Clock clock) {
        this.fanout = fanout;
        this.attendance = attendance;
        this.limits = limits;
        this.json = json;
        this.protocol = new Protocol(json, clock);
    }

    /** Joins the fan-out and starts the heartbeat and presence timers. */
    public RoomHub start() {
        fanout.subscribe(this::receive, () -> fanout.publish(FanoutEnvelope.sync(replica)));
        every(limits.heartbeatInterval().toMillis(), this::heartbeat);
        every(limits.announceInterval().toMillis(), this::announce);
        return this;
    }

    /** Connections held by this replica. */
    public int connectionCount() {
        return connections.size();
    }

    /** Rooms with at least one participant connected to this replica. */
    public int roomCount() {
        return local.size();
    }

    /** The participants present in a room, on any replica. */
    public Set<String> participantsIn(String room) {
        return Set.copyOf(rooms.getOrDefault(room, Map.of()).keySet());
    }

    /** A participant connected with a verified ticket; a newer connection of the same participant wins. */
    public void join(PeerConnection connection, Ticket ticket) {
        LocalPeer peer = new LocalPeer(ticket, connection, limits);
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
        if (previous == null) {
            attendance.joined(record);
        }
    }

    /** A connection ended (closed by the client, the network or this server). */
    public void leave(String connectionId, String reason) {
        LocalPeer peer = connections.remove(connectionId);
        if (peer == null) {
            return;
        }
        PeerRecord gone;
        synchronized (lock) {
            Map<String, LocalPeer> here = local.get(peer.ticket.room());
            if (here != null) {
                here.remove(peer.ticket.participantId(), peer);
                if (here.isEmpty()) {
                    local.remove(peer.ticket.room(), here);
                }
            }
            gone = removeIfCurrent(peer.ticket.room(), peer.ticket.participantId(), connectionId, reason);
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

    /**
     * Rooms closed the room: every replica (told over the fan-out) closes its connections to it with
     * {@link CloseCodes#ROOM_CLOSED}, so no socket outlives the lesson. Returns the connections closed here.
     */
    public int closeRoom(String code) {
        fanout.publish(FanoutEnvelope.roomClosed(replica, code));
        return closeHere(code);
    }

    private int closeHere(String code) {
        List<LocalPeer> peers = List.copyOf(local.getOrDefault(code, Map.of()).values());
        for (LocalPeer peer : peers) {
            peer.connection.close(CloseCodes.ROOM_CLOSED, "room closed");
            leave(peer.connection.id(), "room-closed");
        }
        if (!peers.isEmpty()) {
            LOG.infof("Room %s closed: %d connection(s) on this replica ended", code, peers.size());
        }
        return peers.size();
    }

    /** Any sign of life (a pong frame) keeps a connection from timing out. */
    public void touch(String connectionId) {
        LocalPeer peer = connections.get(connectionId);
        if (peer != null) {
            peer.lastSeenNanos = System.nanoTime();
        }
    }

    /** One text message from a client: validated, rate-limited, then handled by its type. */
    public void onText(String connectionId, String text) {
        LocalPeer peer = connections.get(connectionId);
        if (peer == null) {
            return;
        }
        long now = System.nanoTime();
        peer.lastSeenNanos = now;
        if (tooLarge(text)) {
            peer.connection.send(protocol.error(ErrorCode.MESSAGE_TOO_LARGE,
                    "Messages may be at most " + limits.maxMessageBytes() + " bytes", null));
            peer.connection.close(CloseCodes.MESSAGE_TOO_BIG, "message too large");
            leave(connectionId, "left");
            return;
        }
        if (!peer.bucket.tryTake(now)) {
            throttle(peer);
            return;
        }
        peer.droppedInRow = 0;
        ObjectNode message = parse(peer, text);
        if (message == null) {
            return;
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual()) {
            reject(peer, ErrorCode.INVALID_MESSAGE, "Every message needs a string \"type\"", null);
        } else if (peer.ticket.isObserver() && !observerMaySend(type.asText(), message)) {
            reject(peer, ErrorCode.RECEIVE_ONLY, "Observers only receive: they answer offers with receive-only "
                    + "media and send ICE candidates; \"" + type.asText() + "\" is not theirs to send", type.asText());
        } else if (SIGNALS.contains(type.asText())) {
            relay(peer, type.asText(), message);
        } else if (type.asText().equals("media-state")) {
            changeMedia(peer, message);
        } else if (type.asText().equals("ping")) {
            JsonNode id = message.get("id");
            peer.connection.send(protocol.pong(id == null || id.isNull() ? null : id.asText()));
        } else {
            reject(peer, ErrorCode.UNKNOWN_TYPE, "Unknown message type \"" + type.asText() + "\"", type.asText());
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        for (LocalPeer peer : List.copyOf(connections.values())) {
            peer.connection.close(1001, "server shutting down");
            leave(peer.connection.id(), "left");
        }
        fanout.close();
    }

    private void relay(LocalPeer sender, String type, ObjectNode message) {
        JsonNode to = message.get("to");
        if (to == null || !to.isTextual() || to.asText().isBlank()) {
            reject(sender, ErrorCode.INVALID_MESSAGE, "\"" + type + "\" needs \"to\": the id of the peer it is for", type);
            return;
        }
        String invalid = invalidSignal(type, message);
        if (invalid != null) {
            reject(sender, ErrorCode.INVALID_MESSAGE, invalid, type);
            return;
        }
        String room = sender.ticket.room();
        String target = to.asText();
        PeerRecord addressee = target.equals(sender.ticket.participantId())
                ? null : rooms.getOrDefault(room, Map.of()).get(target);
        if (addressee == null) {
            reject(sender, ErrorCode.UNKNOWN_PEER, "No peer \"" + target + "\" in this room", type);
            return;
        }
        // The server names the sender: a client cannot pretend to be someone else.
        String out = message.put("from", sender.ticket.participantId()).toString();
        if (addressee.replica().equals(replica)) {
            deliver(room, target, out);
        } else {
            fanout.publish(FanoutEnvelope.signal(replica, room, target, out));
        }
    }

    /**
     * What an observer may send: ICE candidates, pings, and answers whose media only receives (no m-line that
     * sends). Never an offer (they would choose what is negotiated) nor a media state (they have no media).
     */
    private static boolean observerMaySend(String type, ObjectNode message) {
        return switch (type) {
            case "candidate", "ping" -> true;
            case "answer" -> {
                JsonNode sdp = message.get("sdp");
                yield sdp == null || !sdp.isTextual() || !SENDING.matcher(sdp.asText()).find();
            }
            default -> false;
        };
    }

    private static String invalidSignal(String type, ObjectNode message) {
        if (!type.equals("candidate")) {
            JsonNode sdp = message.get("sdp");
            return sdp != null && sdp.isTextual() ? null : "\"" + type + "\" needs \"sdp\" as a string";
        }
        JsonNode candidate = message.get("candidate");
        return candidate != null && (candidate.isObject() || candidate.isNull())
                ? null : "\"candidate\" needs \"candidate\": an ICE candidate object, or null when gathering is done";
    }

    private void changeMedia(LocalPeer peer, ObjectNode message) {
        Boolean muted = flag(message, "muted");
        Boolean cameraOff = flag(message, "cameraOff");
        Boolean recording = flag(message, "recording");
        if (muted == null || cameraOff == null || recording == null) {
            reject(peer, ErrorCode.INVALID_MESSAGE,
                    "\"media-state\" needs \"muted\", \"cameraOff\" and \"recording\" as booleans", "media-state");
            return;
        }
        synchronized (lock) {
            Map<String, PeerRecord> room = rooms.get(peer.ticket.room());
            PeerRecord current = room == null ? null : room.get(peer.ticket.participantId());
            if (current == null || !current.connectionId().equals(peer.connection.id())) {
                return;
            }
            PeerRecord updated = current.withMedia(new MediaState(muted, cameraOff, recording));
            room.put(updated.participantId(), updated);
            tellLocal(updated.room(), updated.participantId(), protocol.mediaState(updated));
            fanout.publish(FanoutEnvelope.about(MEDIA, replica, updated));
        }
    }

    private static Boolean flag(ObjectNode message, String field) {
        JsonNode value = message.get(field);
        return value != null && value.isBoolean() ? value.booleanValue() : null;
    }

    private ObjectNode parse(LocalPeer peer, String text) {
        try {
            JsonNode node = json.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
            reject(peer, ErrorCode.MALFORMED_JSON, "A message is one JSON object", null);
        } catch (JsonProcessingException e) {
            reject(peer, ErrorCode.MALFORMED_JSON, "Not valid JSON: " + e.getOriginalMessage(), null);
        }
        return null;
    }

    private boolean tooLarge(String text) {
        int max = limits.maxMessageBytes();
        // A UTF-8 character takes one to three bytes per Java char: count bytes only when it matters.
        return text.length() > max || (text.length() * 3L > max && text.getBytes(StandardCharsets.UTF_8).length > max);
    }

    /** Drops a message over the rate; tells the client once per run of drops, closes on a sustained flood. */
    private void throttle(LocalPeer peer) {
        int dropped = ++peer.droppedInRow;
        if (dropped == 1) {
            reject(peer, ErrorCode.RATE_LIMITED, "Too many messages: at most " + limits.perSecond()
                    + " per second (bursts of " + limits.burst() + "); messages are being dropped", null);
        }
        if (dropped > limits.floodTolerance()) {
            LOG.warnf("Closing connection %s of participant %s in room %s: flooding", peer.connection.id(),
                    peer.ticket.participantId(), peer.ticket.room());
            peer.connection.close(CloseCodes.POLICY_VIOLATION, "too many messages");
            leave(peer.connection.id(), "left");
        }
    }

    private void reject(LocalPeer peer, ErrorCode code, String detail, String inReplyTo) {
        peer.connection.send(protocol.error(code, detail, inReplyTo));
    }

    private void receive(FanoutEnvelope envelope) {
        if (replica.equals(envelope.replica())) {
            return;
        }
        replicasHeard.put(envelope.replica(), System.nanoTime());
        switch (envelope.kind()) {
            case JOINED -> remoteJoined(envelope.peer());
            case LEFT -> {
                synchronized (lock) {
                    PeerRecord peer = envelope.peer();
                    removeIfCurrent(peer.room(), peer.participantId(), peer.connectionId(), envelope.payload());
                }
            }
            case MEDIA -> remoteMedia(envelope.peer());
            case SIGNAL -> deliver(envelope.room(), envelope.to(), envelope.payload());
            case SNAPSHOT -> reconcile(envelope.replica(), envelope.snapshot());
            case SYNC -> announce();
            case ROOM_CLOSED -> closeHere(envelope.room());
        }
    }

    private void remoteJoined(PeerRecord record) {
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

    private void remoteMedia(PeerRecord record) {
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
    private void reconcile(String otherReplica, List<PeerRecord> snapshot) {
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

    /** Tells the other replicas who is connected here, and forgets replicas that went silent. */
    private void announce() {
        synchronized (lock) {
            fanout.publish(FanoutEnvelope.snapshot(replica, recordsOf(replica)));
        }
        long now = System.nanoTime();
        for (Map.Entry<String, Long> heard : replicasHeard.entrySet()) {
            if (now - heard.getValue() > limits.replicaTimeout().toNanos()
                    && replicasHeard.remove(heard.getKey(), heard.getValue())) {
                forgetReplica(heard.getKey());
            }
        }
    }

    private void forgetReplica(String lostReplica) {
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

    private void heartbeat() {
        long now = System.nanoTime();
        for (LocalPeer peer : List.copyOf(connections.values())) {
            if (now - peer.lastSeenNanos > limits.heartbeatTimeout().toNanos()) {
                LOG.infof("Connection %s of participant %s in room %s missed its heartbeat", peer.connection.id(),
                        peer.ticket.participantId(), peer.ticket.room());
                peer.connection.close(CloseCodes.HEARTBEAT_TIMEOUT, "heartbeat timeout");
                leave(peer.connection.id(), "timeout");
            } else {
                peer.connection.ping();
            }
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

    private void deliver(String room, String participant, String text) {
        LocalPeer peer = local.getOrDefault(room, Map.of()).get(participant);
        if (peer != null) {
            peer.connection.send(text);
        }
    }

    private void tellLocal(String room, String except, String text) {
        local.getOrDefault(room, Map.of()).forEach((participant, peer) -> {
            if (!participant.equals(except)) {
                peer.connection.send(text);
            }
        });
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

    private static final class LocalPeer {

        final Ticket ticket;
        final PeerConnection connection;
        final TokenBucket bucket;
        volatile long lastSeenNanos = System.nanoTime();
        /** Messages dropped in a row by the rate limit; only the connection's own handler touches it. */
        int droppedInRow;

        LocalPeer(Ticket ticket, PeerConnection connection, Limits limits) {
            this.ticket = ticket;
            this.connection = connection;
            this.bucket = new TokenBucket(limits.burst(), limits.perSecond(), System.nanoTime());
        }
    }
}
