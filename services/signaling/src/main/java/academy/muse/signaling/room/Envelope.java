package academy.muse.signaling.room;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * What the server needs to know of one client message, read with Jackson's streaming parser in one pass: the
 * top-level fields it acts on, and the kinds of the fields it validates. Everything else (an SDP, a candidate
 * object, fields the protocol does not know) is stepped over without being turned into strings or trees, so a
 * relayed message is forwarded as the client wrote it.
 *
 * <p>The whole text is still read to its end: a message is relayed only if it is one well-formed JSON object.
 *
 * @param type      the {@code type} when it is a string, else null
 * @param to        the {@code to} when it is a string, else null
 * @param sdpKind   the token of {@code sdp}, null when absent
 * @param sdp       the {@code sdp} text, read only when asked for (an observer's answer is checked for sending media)
 * @param candidate the token that starts {@code candidate}, null when absent
 * @param hasFrom   whether the client wrote a {@code from} of its own (the server's must replace it)
 * @param pingId    the {@code id} of a ping as text, null when absent or null
 */
record Envelope(String type, String to, JsonToken sdpKind, String sdp, JsonToken candidate, boolean hasFrom,
                Boolean muted, Boolean cameraOff, Boolean recording, String pingId) {

    /** Not one JSON object. */
    static final class Malformed extends Exception {

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static Envelope read(JsonFactory factory, String text, boolean keepSdp) throws Malformed {
        try (JsonParser parser = factory.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new Malformed("A message is one JSON object");
            }
            Reader reader = new Reader(keepSdp);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                reader.field(field, parser.nextToken(), parser);
            }
            if (parser.nextToken() != null) {
                throw new Malformed("A message is one JSON object, with nothing after it");
            }
            return reader.envelope();
        } catch (JsonParseException e) {
            throw new Malformed("Not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Malformed("Not valid JSON: " + e.getMessage());
        }
    }

    /** Collects the fields of interest; the last of duplicated fields wins, as in a parsed tree. */
    private static final class Reader {

        private final boolean keepSdp;
        private String type;
        private String to;
        private JsonToken sdpKind;
        private String sdp;
        private JsonToken candidate;
        private boolean hasFrom;
        private Boolean muted;
        private Boolean cameraOff;
        private Boolean recording;
        private String pingId;

        Reader(boolean keepSdp) {
            this.keepSdp = keepSdp;
        }

        void field(String name, JsonToken value, JsonParser parser) throws IOException {
            switch (name) {
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "to" -> to = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "sdp" -> {
                    sdpKind = value;
                    sdp = keepSdp && value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                case "candidate" -> candidate = value;
                case "from" -> hasFrom = true;
                case "muted" -> muted = flag(value);
                case "cameraOff" -> cameraOff = flag(value);
                case "recording" -> recording = flag(value);
                case "id" -> pingId = value.isScalarValue() && value != JsonToken.VALUE_NULL ? parser.getText() : null;
                default -> { }
            }
            // Objects and arrays (a candidate, unknown fields) are stepped over, still checked for well-formedness.
            parser.skipChildren();
        }

        private static Boolean flag(JsonToken value) {
            return switch (value) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                default -> null;
            };
        }

        Envelope envelope() {
            return new Envelope(type, to, sdpKind, sdp, candidate, hasFrom, muted, cameraOff, recording, pingId);
        }
    }
}
