package academy.muse.vod;

import academy.muse.contracts.events.EventType;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.StoredObject;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What tests check retention against: the bytes in media storage, and the events vod stored in its outbox. */
@ApplicationScoped
public class StoredMedia {

    private final MediaStorage storage;
    private final MongoClient mongo;
    private final String database;
    private final ObjectMapper json;

    StoredMedia(MediaStorage storage, MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                ObjectMapper json) {
        this.storage = storage;
        this.mongo = mongo;
        this.database = database;
        this.json = json;
    }

    /** Every stored object of these assets, by key, with the SHA-256 of its bytes. */
    public Map<String, String> fingerprints(List<String> assetIds) {
        Map<String, String> fingerprints = new TreeMap<>();
        for (String assetId : assetIds) {
            storage.list(prefix(assetId)).forEach(object -> fingerprints.put(object.key(), sha256(object.key())));
        }
        return fingerprints;
    }

    public List<StoredObject> objects(String assetId) {
        return storage.list(prefix(assetId));
    }

    /** The ids of every asset vod knows, deleted or kept. */
    public List<String> allAssetIds() {
        return assets().find().map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    public List<String> deletedAssetIds() {
        return assets().find(Filters.ne("deletedAt", null)).map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    /** The data of every outbox event of this type about this asset (its subject). */
    public List<JsonNode> events(EventType<?> type, String assetId) {
        return mongo.getDatabase(database).getCollection("outbox")
                .find(Filters.and(Filters.eq("type", type.type()), Filters.eq("subject", assetId)))
                .map(document -> read(document.getString("event")).path("data")).into(new ArrayList<>());
    }

    /** Makes a ready asset look as if vod had never counted its package (as one made ready before it did). */
    public void forgetCounted(String assetId, String storedEventId) {
        assets().updateOne(Filters.eq("_id", assetId), com.mongodb.client.model.Updates.unset("storedBytes"));
        mongo.getDatabase(database).getCollection("outbox").deleteOne(Filters.eq("_id", storedEventId));
    }

    public static String prefix(String assetId) {
        return "vod/" + assetId + "/";
    }

    private com.mongodb.client.MongoCollection<Document> assets() {
        return mongo.getDatabase(database).getCollection("assets");
    }

    private JsonNode read(String event) {
        try {
            return json.readTree(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String sha256(String key) {
        try (InputStream in = storage.read(key)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
