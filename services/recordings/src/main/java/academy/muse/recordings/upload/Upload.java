package academy.muse.recordings.upload;

import io.quarkus.mongodb.panache.common.MongoEntity;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.List;

/**
 * One tus upload: a lesson track or a material. {@code offset} counts the bytes that are durable in media storage;
 * it only ever moves after the bytes are stored, so after a crash it is what a client resumes from.
 */
@MongoEntity(collection = "uploads")
public class Upload extends PanacheMongoEntityBase {

    public enum State {
        /** Bytes are still arriving. */
        UPLOADING,
        /** Every byte arrived; a lesson track waits for its room to close. */
        COMPLETE,
        /** Published in {@code recording.completed}; nothing changes any more. */
        PUBLISHED
    }

    @BsonId
    public String id;
    public UploadKind kind;
    public String ownerId;
    /**
     * Whose quota the bytes count against: the room's host for a lesson track (the teacher owns the lesson's
     * recording, whoever's camera it is), the uploader for a material. Null on uploads stored before it was kept;
     * those count against {@code ownerId}.
     */
    public String quotaOwnerId;
    /** The owner's role: host or participant of the room for a track, teacher for a material. */
    public String role;
    public String roomCode;
    public String lessonOccurrenceId;
    public String mimeType;
    public String filename;
    public String title;
    /** The {@code Upload-Metadata} header as the client sent it, returned on HEAD. */
    public String metadata;
    /** Null while the client defers the length (a track that grows during the lesson). */
    public Long length;
    public long offset;
    public String storageKey;
    /** For a material: the students it is for, when it has a scope; else the teacher's students at upload. */
    public List<String> viewerIds;
    /** A material's scope ({@code students}, {@code series} or {@code lesson}); null: all the teacher's students. */
    public String scopeKind;
    public String scopeSeriesId;
    public Instant createdAt;
    /** The track's start in server time. */
    public Instant startedAt;
    public Instant expiresAt;
    public State state;
    /** True for a track that was finalised before its last byte arrived (the browser vanished). */
    public boolean partial;
    public String sha256;
    public Instant completedAt;
    /** When retention may remove this original from media storage; null while it is kept. */
    public Instant removeAfter;
    /** Why it is to be removed (replay verified, account deleted), for the removal's log line. */
    public String removalReason;
    /** When its bytes were removed from media storage; the record stays as the trace of the removal. */
    public Instant removedAt;
    /**
     * The {@link academy.muse.platform.lease.Lease} of whoever changes the upload right now (a PATCH, termination,
     * expiry, the room's finaliser, retention), so two of them never change one upload at once.
     */
    public String leaseToken;
    public Instant leaseUntil;

    public boolean lengthKnown() {
        return length != null;
    }

    /** The bytes this upload counts against its owner's quota: its announced length, else what arrived. */
    public long reservedBytes() {
        return length != null ? length : offset;
    }

    public String quotaOwner() {
        return quotaOwnerId != null ? quotaOwnerId : ownerId;
    }

    /** The uploads whose bytes count against this owner's quota and are still in media storage. */
    public static List<Upload> chargedTo(String ownerId) {
        return list("{'$or': [{'quotaOwnerId': ?1}, {'quotaOwnerId': null, 'ownerId': ?1}], 'removedAt': null}", ownerId);
    }

    public static List<Upload> ofOwner(String ownerId) {
        return list("ownerId", ownerId);
    }

    public static List<Upload> ofRoom(String roomCode) {
        return list("kind = ?1 and roomCode = ?2", UploadKind.LESSON_TRACK.name(), roomCode);
    }
}
