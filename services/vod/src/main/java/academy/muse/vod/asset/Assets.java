package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.platform.security.Caller;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code assets} collection. An asset's id is derived from its recording's id, so however often a recording
 * arrives there is one asset; it becomes ready once, and the first complete package wins.
 */
@ApplicationScoped
public class Assets {

    /** Matches assets nobody has deleted (the field is absent, or null). */
    static final Bson KEPT = Filters.eq(AssetDeletions.DELETED_AT, null);

    private final MongoCollection<Document> collection;
    private final Clock clock;

    Assets(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, Clock clock) {
        this.clock = clock;
        this.collection = mongo.getDatabase(database).getCollection("assets");
    }

    public static String idFor(String recordingId) {
        return UUID.nameUUIDFromBytes(("vod-asset:" + recordingId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Creates the asset of a recording in state {@code processing}, unless it exists. */
    public String createProcessing(RecordingCompleted recording) {
        String id = idFor(recording.recordingId());
        collection.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.setOnInsert("recordingId", recording.recordingId()),
                Updates.setOnInsert("kind", recording.kind()),
                Updates.setOnInsert("title", recording.title()),
                Updates.setOnInsert("lessonOccurrenceId", recording.lessonOccurrenceId()),
                Updates.setOnInsert("roomCode", recording.roomCode()),
                Updates.setOnInsert("ownerId", recording.ownerId()),
                Updates.setOnInsert("viewerIds", recording.viewerIds() == null ? List.of() : recording.viewerIds()),
                Updates.setOnInsert("scope", scopeDocument(recording.scope())),
                Updates.setOnInsert("status", Asset.Status.PROCESSING.name()),
                Updates.setOnInsert("createdAt", Date.from(clock.instant()))), new UpdateOptions().upsert(true));
        return id;
    }

    /**
     * Marks the asset ready with this package; returns false when another run got there first (its package stays
     * the asset's, and the caller's copy is surplus).
     *
     * @param storedBytes what the package occupies in media storage; its owner's usage counts it
     */
    public boolean markReady(String id, String storagePrefix, double durationSeconds, int width, int height,
                             int lowHeight, List<Asset.Track> tracks, long storedBytes) {
        List<Document> trackDocuments = tracks.stream().map(track -> new Document("participantId", track.participantId())
                .append("role", track.role()).append("file", track.file()).append("remuxed", track.remuxed())).toList();
        return collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("status", Asset.Status.READY.name())),
                Updates.combine(
                        Updates.set("status", Asset.Status.READY.name()),
                        Updates.set("storagePrefix", storagePrefix),
                        Updates.set("durationSeconds", durationSeconds),
                        Updates.set("width", width),
                        Updates.set("height", height),
                        Updates.set("lowHeight", lowHeight),
                        Updates.set("tracks", trackDocuments),
                        Updates.set(AssetDeletions.STORED_BYTES, storedBytes),
                        Updates.unset("failureReason"),
                        Updates.set("readyAt", Date.from(clock.instant())))).getModifiedCount() == 1;
    }

    /** Marks the asset failed, unless a package already made it ready. */
    public void markFailed(String id, String reason) {
        collection.updateOne(Filters.and(Filters.eq("_id", id), Filters.ne("status", Asset.Status.READY.name())),
                Updates.combine(Updates.set("status", Asset.Status.FAILED.name()), Updates.set("failureReason", reason)));
    }

    /** Gives the asset a new title; false when it is gone (or was deleted meanwhile). */
    public boolean rename(String id, String title) {
        return collection.updateOne(kept(id), Updates.set("title", title)).getMatchedCount() == 1;
    }

    /**
     * Sets whom a material is for; a null scope gives it back to all its owner's students. A lesson's scope also
     * attaches the material to that lesson, as an upload for the lesson does, so the lesson lists it.
     */
    public boolean scope(String id, MaterialScope scope) {
        Bson update = scope != null && scope.lessonOccurrenceId() != null
                ? Updates.combine(Updates.set("scope", scopeDocument(scope)),
                Updates.set("lessonOccurrenceId", scope.lessonOccurrenceId()))
                : Updates.set("scope", scopeDocument(scope));
        return collection.updateOne(kept(id), update).getMatchedCount() == 1;
    }

    private static Bson kept(String id) {
        return Filters.and(Filters.eq("_id", id), KEPT);
    }

    public Optional<Asset> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first()).map(Assets::asset);
    }

    /** The lesson's assets that are kept (not deleted). */
    public List<Asset> ofLesson(String lessonOccurrenceId) {
        return query(Filters.and(Filters.eq("lessonOccurrenceId", lessonOccurrenceId), KEPT));
    }

    /**
     * Candidates for what the caller may watch: assets they own or are a viewer of, materials of their teachers,
     * and materials scoped to them or to a student they observe. {@link AssetAccess} has the last word.
     */
    public List<Asset> visibleTo(Caller caller) {
        List<String> scopedTo = new ArrayList<>(caller.observes());
        scopedTo.add(caller.id());
        return query(Filters.and(KEPT, Filters.or(
                Filters.eq("ownerId", caller.id()), Filters.eq("viewerIds", caller.id()),
                Filters.and(Filters.eq("kind", Asset.KIND_MATERIAL), Filters.in("ownerId", caller.teachers())),
                Filters.and(Filters.eq("kind", Asset.KIND_MATERIAL), Filters.in("scope.studentIds", scopedTo)))));
    }

    /** What the asset's package occupies in media storage, as counted when it was stored (0 before it is ready). */
    public long storedBytes(String id) {
        Document document = collection.find(Filters.eq("_id", id)).first();
        return document == null ? 0 : (long) number(document, AssetDeletions.STORED_BYTES);
    }

    public long countForRecording(String recordingId) {
        return collection.countDocuments(Filters.eq("recordingId", recordingId));
    }

    private List<Asset> query(Bson filter) {
        return collection.find(filter).sort(new Document("createdAt", -1)).map(Assets::asset).into(new ArrayList<>());
    }

    static Asset asset(Document document) {
        List<Asset.Track> tracks = document.getList("tracks", Document.class, List.of()).stream()
                .map(track -> new Asset.Track(track.getString("participantId"), track.getString("role"),
                        track.getString("file"), track.getBoolean("remuxed", false))).toList();
        return new Asset(document.getString("_id"), document.getString("recordingId"), document.getString("kind"),
                document.getString("title"), document.getString("lessonOccurrenceId"), document.getString("roomCode"),
                document.getString("ownerId"), document.getList("viewerIds", String.class, List.of()),
                Asset.Status.valueOf(document.getString("status")), document.getString("storagePrefix"),
                number(document, "durationSeconds"), (int) number(document, "width"), (int) number(document, "height"),
                (int) number(document, "lowHeight"), tracks, document.getString("failureReason"),
                instant(document, "createdAt"), instant(document, "readyAt"), instant(document, AssetDeletions.DELETED_AT),
                scope(document.get("scope", Document.class)));
    }

    private static Document scopeDocument(MaterialScope scope) {
        return scope == null ? null : new Document("kind", scope.kind()).append("seriesId", scope.seriesId())
                .append("lessonOccurrenceId", scope.lessonOccurrenceId()).append("studentIds", scope.studentIds());
    }

    private static MaterialScope scope(Document document) {
        return document == null ? null : new MaterialScope(document.getString("kind"), document.getString("seriesId"),
                document.getString("lessonOccurrenceId"), document.getList("studentIds", String.class, List.of()));
    }

    private static double number(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.doubleValue() : 0;
    }

    private static Instant instant(Document document, String field) {
        Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
