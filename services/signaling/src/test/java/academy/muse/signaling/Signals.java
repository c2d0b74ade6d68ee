package academy.muse.signaling;

import io.vertx.core.json.JsonObject;

/** The client messages of protocol v1, as the web app sends them. */
final class Signals {

    private Signals() {
    }

    static JsonObject offer(String to, String sdp) {
        return new JsonObject().put("type", "offer").put("to", to).put("sdp", sdp);
    }

    static JsonObject answer(String to, String sdp) {
        return new JsonObject().put("type", "answer").put("to", to).put("sdp", sdp);
    }

    static JsonObject candidate(String to, JsonObject candidate) {
        return new JsonObject().put("type", "candidate").put("to", to).put("candidate", candidate);
    }

    static JsonObject mediaState(boolean muted, boolean cameraOff, boolean recording) {
        return new JsonObject().put("type", "media-state").put("muted", muted).put("cameraOff", cameraOff)
                .put("recording", recording);
    }
}
