package academy.muse.recordings.upload;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import academy.muse.contracts.outbox.EventPublisher;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.contracts.security.Caller;
import academy.muse.mediastore.MediaContainer;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.tus.UploadChecksum;
import academy.muse.recordings.tus.UploadMetadata;
import academy.muse.recordings.usage.QuotaLedger;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of an upload: creation, appending chunks (durable before acknowledged), completion with the whole
 * file's SHA-256, termination and expiry. Knows nothing of HTTP beyond the problems it throws.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    /** The most bytes one PATCH of an upload of unknown length may carry: reserved before they flow. */
    static final long MAX_DEFERRED_CHUNK = 64L * 1024 * 1024;

    private final UploadRules rules;
    private final UploadLocks locks;
    private final MediaStorage storage;
    private final EventPublisher publisher;
    private final RecordingsConfig config;
    private final QuotaLedger quota;

    UploadService(UploadRules rules, UploadLocks locks, MediaStorage storage, EventPublisher publisher,
                  RecordingsConfig config, QuotaLedger quota) {
        this.quota = quota;
        this.rules = rules;
        this.locks = locks;
        this.storage = storage;
        this.publisher = publisher;
        this.config = config;
    }

    public Upload create(Caller caller, Long length, String rawMetadata) {
        Instant now = Instant.now();
        Upload upload = rules.admit(caller, length, UploadMetadata.parse(rawMetadata), rawMetadata, now);
        upload.id = UUID.randomUUID().toString().replace("-", "");
        upload.storageKey = storageKey(upload);
        upload.offset = 0;
        upload.state = Upload.State.UPLOADING;
        upload.expiresAt = now.plus(config.uploadExpiry());
        quota.reserve(upload.quotaOwner(), upload.kind.mayExceedQuota(), upload.reservedBytes());
        try {
            upload.persist();
        } catch (RuntimeException e) {
            quota.release(upload.quotaOwner(), upload.reservedBytes());
            throw e;
        }
        LOG.infof("Upload %s created: %s of %s by %s, %s bytes", upload.id, upload.kind.label(),
                upload.roomCode == null ? "library" : "room " + upload.roomCode, upload.ownerId,
                length == null ? "deferred" : length);
        return upload;
    }

    /** The caller's own upload, as HEAD reports it. */
    public Upload status(Caller caller, String id) {
        return owned(caller, id);
    }

    /**
     * Stores one PATCH's bytes at {@code offset}. The new offset is recorded only after the bytes are durable and
     * their checksum (when sent) matched; on the last byte the upload is completed.
     */
    public Upload append(Caller caller, String id, long offset, Long announcedLength, UploadChecksum checksum,
                         InputStream body) {
        Upload upload = owned(caller, id);
        requireUploading(upload);
        if (offset != upload.offset) {
            throw offsetMismatch(upload, offset);
        }
        Long settledLength = settleLength(upload, announcedLength);
        Allowance allowance = reserve(upload, settledLength);
        String token;
        try {
            token = locks.claim(upload, offset, settledLength);
        } catch (RuntimeException e) {
            quota.release(upload.quotaOwner(), allowance.reserved());
            throw e;
        }
        upload.length = settledLength;
        try {
            return write(upload, token, offset, allowance, checksum, body);
        } finally {
            if (allowance.temporary()) {
                // What this PATCH reserved but did not store goes back (all of it when the upload was discarded).
                long kept = Upload.<Upload>findByIdOptional(id).map(current -> current.offset - offset).orElse(0L);
                quota.settle(upload.quotaOwner(), allowance.reserved() - Math.max(kept, 0));
            }
        }
    }

    /**
     * The bytes a PATCH may store in all and what it reserved against the quota for them: the rest of the length
     * when the length is (or becomes) known, else what the quota leaves, up to one deferred chunk; a temporary
     * reservation is settled after the PATCH by what it stored.
     */
    private record Allowance(long capacity, long reserved, boolean temporary, ProblemException whenExceeded) {
    }

    private Allowance reserve(Upload upload, Long settledLength) {
        if (upload.lengthKnown()) {
            return new Allowance(upload.length, 0, false, null);
        }
        if (settledLength != null) {
            quota.reserve(upload.quotaOwner(), upload.kind.mayExceedQuota(), settledLength - upload.offset);
            return new Allowance(settledLength, settledLength - upload.offset, false, null);
        }
        long room = Math.min(rules.maxSize(upload.kind) - upload.offset, MAX_DEFERRED_CHUNK);
        long granted = quota.reserveUpTo(upload.quotaOwner(), upload.kind.mayExceedQuota(), room);
        if (granted == 0 && room > 0) {
            throw UploadRules.quotaExceeded();
        }
        ProblemException exceeded = granted < room ? UploadRules.quotaExceeded()
                : room < MAX_DEFERRED_CHUNK ? ProblemException.tooLarge("The upload exceeds its kind's size limit")
                : ProblemException.tooLarge("A chunk of an upload of unknown length may have at most "
                        + MAX_DEFERRED_CHUNK + " bytes");
        return new Allowance(upload.offset + granted, granted, true, exceeded);
    }

    private Upload write(Upload upload, String token, long offset, Allowance allowance, UploadChecksum checksum,
                         InputStream body) {
        String id = upload.id;
        long capacity = allowance.capacity();
        MessageDigest digest = checksum == null ? null : checksum.newDigest();
        InputStream bytes = new LeasedInputStream(new ChunkBody(body, capacity - offset),
                config.patchLease(), () -> locks.renew(id, token));
        if (digest != null) {
            bytes = new DigestInputStream(bytes, digest);
        }
        long stored;
        try {
            stored = storage.append(upload.storageKey, offset, bytes);
        } catch (MediaStorageException e) {
            return afterFailedAppend(upload, token, offset, allowance, digest != null, e);
        }
        if (digest != null && !checksum.matches(digest)) {
            storage.truncate(upload.storageKey, offset);
            locks.release(id, token, offset);
            throw new ProblemException(460, "checksum-mismatch", "Checksum mismatch",
                    "The chunk's " + checksum.algorithm() + " does not match its bytes; it was discarded");
        }
        return upload.length != null && stored == upload.length
                ? complete(upload, token, stored)
                : locks.advance(upload, token, stored, Instant.now().plus(config.uploadExpiry()));
    }

    /** Deletes an unfinished upload and its bytes (tus termination). */
    public void terminate(Caller caller, String id) {
        Upload upload = owned(caller, id);
        requireUploading(upload);
        locks.claimAny(upload);
        discard(upload);
        LOG.infof("Upload %s terminated by its owner", id);
    }

    /** Deletes unfinished uploads whose expiry passed; returns how many. */
    public int expire(Instant now) {
        int expired = 0;
        for (Upload upload : Upload.<Upload>list("state = ?1 and expiresAt < ?2", Upload.State.UPLOADING.name(), now)) {
            if (locks.tryClaimAny(upload)) {
                discard(upload);
                LOG.infof("Upload %s expired after no bytes since %s", upload.id, upload.expiresAt.minus(config.uploadExpiry()));
                expired++;
            }
        }
        return expired;
    }

    /**
     * Seals a track whose browser vanished: what arrived becomes the track, marked partial. The caller holds the
     * upload's lock ({@link UploadLocks#tryClaimAny}).
     */
    public Optional<Upload> finishPartial(Upload upload) {
        upload.length = upload.offset;
        upload.partial = true;
        try {
            return Optional.of(complete(upload, upload.lockToken, upload.offset));
        } catch (NotARecording e) {
            return Optional.empty();
        }
    }

    private Upload complete(Upload upload, String token, long size) {
        storage.complete(upload.storageKey);
        requireRecording(upload);
        upload.sha256 = Checksums.sha256(storage, upload.storageKey);
        upload.offset = size;
        upload.completedAt = Instant.now();
        if (upload.kind == UploadKind.MATERIAL) {
            publishMaterial(upload);
            upload.state = Upload.State.PUBLISHED;
        } else {
            upload.state = Upload.State.COMPLETE;
        }
        locks.completeAndRelease(upload, token);
        LOG.infof("Upload %s complete: %d bytes, sha256 %s%s", upload.id, size, upload.sha256,
                upload.partial ? " (partial)" : "");
        return upload;
    }

    /**
     * Refuses a finished upload that is neither MP4 nor WebM/Matroska by its first bytes (whatever it was declared
     * as): such a file, e.g. a playlist named .mp4, never reaches vod's ffmpeg. Its bytes and record are discarded.
     */
    private void requireRecording(Upload upload) {
        if (MediaContainer.of(storage.read(upload.storageKey)).isEmpty()) {
            discard(upload);
            LOG.warnf("Upload %s by %s discarded: its bytes are neither MP4 nor WebM/Matroska", upload.id, upload.ownerId);
            throw new NotARecording(upload.id);
        }
    }

    /** 415: the finished upload's bytes are not a recording. */
    static final class NotARecording extends ProblemException {
        NotARecording(String uploadId) {
            super(415, "not-a-recording", "Unsupported media type",
                    "Upload " + uploadId + " is neither MP4 nor WebM/Matroska by its content; it was discarded");
        }
    }

    private void publishMaterial(Upload upload) {
        RecordingEvents.RecordingCompleted completed = new RecordingEvents.RecordingCompleted(upload.id,
                UploadKind.MATERIAL.label(), null, upload.lessonOccurrenceId, upload.ownerId, upload.viewerIds,
                upload.title != null ? upload.title : upload.filename, List.of(track(upload)), scope(upload));
        publisher.publish(Events.RECORDING_COMPLETED, "recording-completed-" + upload.id, upload.id, completed);
    }

    private static RecordingEvents.MaterialScope scope(Upload upload) {
        if (upload.scopeKind == null) {
            return null;
        }
        String lesson = RecordingEvents.MaterialScope.LESSON.equals(upload.scopeKind) ? upload.lessonOccurrenceId : null;
        return new RecordingEvents.MaterialScope(upload.scopeKind, upload.scopeSeriesId, lesson, upload.viewerIds);
    }

    public static RecordingEvents.Track track(Upload upload) {
        return new RecordingEvents.Track(upload.id, upload.ownerId, upload.role, upload.mimeType, upload.storageKey,
                upload.offset, upload.sha256, upload.startedAt, upload.partial);
    }

    /** Keeps what a failed PATCH made durable, and throws what the client should hear (if it still listens). */
    private Upload afterFailedAppend(Upload upload, String token, long offset, Allowance allowance,
                                     boolean checksummed, MediaStorageException failure) {
        long capacity = allowance.capacity();
        Throwable cause = failure.getCause();
        if (cause instanceof LeasedInputStream.LeaseLost) {
            throw new ProblemException(409, "upload-taken-over", "Conflict",
                    "Another request took over this upload while this one stalled");
        }
        if (cause instanceof ChunkBody.CapExceeded || checksummed) {
            // A chunk that is too long, or whose checksum can no longer be checked, is not kept at all.
            storage.truncate(upload.storageKey, offset);
            locks.release(upload.id, token, offset);
            if (cause instanceof ChunkBody.CapExceeded) {
                throw upload.lengthKnown()
                        ? ProblemException.tooLarge("The chunk goes beyond the upload's length of " + upload.length + " bytes")
                        : allowance.whenExceeded();
            }
            throw ProblemException.badRequest("upload-interrupted",
                    "The chunk ended early; its checksum cannot be verified, so none of it was kept");
        }
        // The sender vanished part way (or storage failed): keep and acknowledge what is durable, so the client
        // resumes from there.
        if (!(cause instanceof ChunkBody.SenderVanished)) {
            LOG.errorf(failure, "Upload %s: storing a chunk failed", upload.id);
        }
        long durable = Math.max(offset, Math.min(storage.exists(upload.storageKey) ? storage.size(upload.storageKey) : 0, capacity));
        LOG.infof("Upload %s: a PATCH broke off at %d bytes (%s)", upload.id, durable, failure.getMessage());
        if (upload.lengthKnown() && durable == upload.length) {
            return complete(upload, token, durable);
        }
        locks.release(upload.id, token, durable);
        if (cause instanceof ChunkBody.SenderVanished) {
            throw ProblemException.badRequest("upload-interrupted",
                    "The chunk ended early; " + durable + " bytes are stored, resume from there");
        }
        throw new ProblemException(503, "storage-unavailable", "Temporarily unavailable",
                "Media storage failed; " + durable + " bytes are stored, resume from there");
    }

    private Long settleLength(Upload upload, Long announced) {
        if (announced == null) {
            return upload.length;
        }
        if (upload.lengthKnown()) {
            if (!announced.equals(upload.length)) {
                throw ProblemException.badRequest("length-already-set",
                        "The upload's length is " + upload.length + "; it cannot change");
            }
            return upload.length;
        }
        if (announced < upload.offset) {
            throw ProblemException.badRequest("invalid-upload-length", "Upload-Length is below the bytes already stored");
        }
        rules.checkLength(upload.kind, announced);
        return announced;
    }

    private Upload owned(Caller caller, String id) {
        Upload upload = Upload.<Upload>findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Upload " + id));
        if (!upload.ownerId.equals(caller.id())) {
            throw new ProblemException(403, "not-your-upload", "Not allowed", "Upload " + id + " belongs to someone else");
        }
        if (upload.state == Upload.State.UPLOADING && upload.expiresAt.isBefore(Instant.now())) {
            throw new ProblemException(410, "upload-expired", "Gone", "Upload " + id + " expired");
        }
        return upload;
    }

    private static void requireUploading(Upload upload) {
        if (upload.state != Upload.State.UPLOADING) {
            throw ProblemException.conflict("upload-finished", "Upload " + upload.id + " is finished");
        }
    }

    static ProblemException offsetMismatch(Upload upload, long offset) {
        return new ProblemException(409, "offset-mismatch", "Conflict",
                "Upload-Offset " + offset + " does not match the stored offset " + upload.offset,
                Map.of("Upload-Offset", String.valueOf(upload.offset)));
    }

    /** Deletes an upload's bytes and record and gives back what it held of the quota. */
    public void discard(Upload upload) {
        storage.delete(upload.storageKey);
        upload.delete();
        quota.release(upload.quotaOwner(), upload.reservedBytes());
    }

    private static String storageKey(Upload upload) {
        String extension = UploadRules.extensionOf(upload.mimeType);
        return upload.kind == UploadKind.LESSON_TRACK
                ? "tracks/" + upload.roomCode + "/" + upload.id + "." + extension
                : "materials/" + upload.id + "." + extension;
    }
}
