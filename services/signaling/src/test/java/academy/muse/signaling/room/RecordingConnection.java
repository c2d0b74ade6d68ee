package academy.muse.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connection that keeps what the room logic sent it, as text and as JSON. */
final class RecordingConnection implements PeerConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id = UUID.randomUUID().toString();
    private final List<String> texts = new CopyOnWriteArrayList<>();

    static RecordingConnection joined(RoomHub hub, String room, String participant, String role) {
        RecordingConnection connection = new RecordingConnection();
        hub.join(connection, new Ticket(room, participant, participant, role));
        return connection;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(String text) {
        texts.add(text);
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(int code, String reason) {
    }

    List<String> texts() {
        return texts;
    }

    List<String> types() {
        return texts.stream().map(text -> parse(text).get("type").asText()).toList();
    }

    JsonNode first() {
        return parse(texts.get(0));
    }

    JsonNode last() {
        return parse(texts.get(texts.size() - 1));
    }

    String lastText() {
        return texts.get(texts.size() - 1);
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("The room logic sent something that is not JSON: " + text, e);
        }
    }
}
