package academy.muse.recordings.support;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static io.restassured.RestAssured.given;

/** tus requests as a client sends them, for the protocol-level tests. */
public final class TusRequests {

    private TusRequests() {
    }

    public static RequestSpecification tus(String token) {
        RequestSpecification request = given().header("Tus-Resumable", "1.0.0");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    public static String metadata(Map<String, String> values) {
        StringJoiner header = new StringJoiner(",");
        values.forEach((key, value) -> header.add(key + " "
                + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
        return header.toString();
    }

    public static Map<String, String> track(String roomCode) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", "lesson-track");
        values.put("roomCode", roomCode);
        values.put("mimeType", "video/webm;codecs=vp8,opus");
        values.put("filename", "camera.webm");
        return values;
    }

    public static Map<String, String> material(String title) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kind", "material");
        values.put("filetype", "video/mp4");
        values.put("filename", "preview.mp4");
        values.put("title", title);
        return values;
    }

    public static Response create(String token, long length, Map<String, String> metadata) {
        return tus(token).header("Upload-Length", length).header("Upload-Metadata", metadata(metadata)).post("/uploads");
    }

    public static Response createDeferred(String token, Map<String, String> metadata) {
        return tus(token).header("Upload-Defer-Length", "1").header("Upload-Metadata", metadata(metadata)).post("/uploads");
    }

    /** Creates an upload and returns its path on this service (e.g. /uploads/abc). */
    public static String createdPath(Response created) {
        created.then().statusCode(201);
        return URI.create(created.header("Location")).getPath();
    }

    public static Response patch(String token, String path, long offset, byte[] bytes) {
        return tus(token).header("Upload-Offset", offset).contentType("application/offset+octet-stream")
                .body(bytes).patch(path);
    }
}
