package academy.muse.recordings.upload;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import academy.muse.platform.lease.Lease;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.platform.security.Caller;
import academy.muse.mediastore.MediaContainer;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.upload.UploadRefused.Reason;
import academy.muse.recordings.usage.QuotaLedger;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every transition of an upload, each made by the holder of its lease: creation, writing a chunk (durable before
 * its offset moves), completion with the whole file's SHA-256, publication, discarding (termination, expiry, an
 * empty track), taking over from a holder that vanished, and the removal of an original. Knows nothing of HTTP: it
 * refuses with an {@link UploadRefused}.
 */
@ApplicationScoped
public class UploadLifecycle {

    private static final Logger LOG = Logger.getLogger(UploadLifecycle.class);
    /** The most bytes one PATCH of an upload of unknown length may carry: reserved before they flow. */
    static final long MAX_DEFERRED_CHUNK = 64L * 1024 * 1024;

    private final UploadRules rules;
    private final UploadStore store;
    private final WholeFileDigests digests;
    private final MediaStorage storage;
    private final EventPublisher publisher;
    private final RecordingsConfig config;
    private final QuotaLedger quota;
    private final Clock clock;

    UploadLifecycle(UploadRules rules, UploadStore store, WholeFileDigests digests, MediaStorage storage,
                    EventPublisher publisher, RecordingsConfig config, QuotaLedger quota, Clock clock) {
        this.rules = rules;
        this.store = store;
        this.digests = digests;
        this.storage = storage;
        this.publisher = publisher;
        this.config = config;
        this.quota = quota;
        this.clock = clock;
    }

    public Upload create(Caller caller, Long length, UploadMetadata metadata, String rawMetadata) {
        Instant now = clock.instant();
        Upload upload = rules.admit(caller, length, metadata, rawMetadata, now);
        upload.id = UUID.randomUUID().toString().replace("-", "");
        upload.storageKey = storageKey(upload);
        upload.offset = 0;
        upload.state = Upload.State.UPLOADING;
        upload.expiresAt = now.plus(config.uploadExpiry());
        quota.reserve(upload.quotaOwner(), upload.kind.mayExceedQuota(), upload.reservedBytes());
        try {
            store.insert(upload);
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
        Upload upload = store.find(id).orElseThrow(() -> UploadStore.notFound(id));
        if (!upload.ownerId.equals(caller.id())) {
            throw new UploadRefused(Reason.NOT_YOURS, "Upload " + id + " belongs to someone else");
        }
        if (upload.state == Upload.State.UPLOADING && !upload.expiresAt.isAfter(clock.instant())) {
            throw UploadStore.expired(id);
        }
        return upload;
    }

    /**
     * Stores one PATCH's bytes at {@code offset}. The new offset is recorded only after the bytes are durable and
     * their checksum (when sent) matched; on the last byte the upload is completed. Claiming the upload is the
     * first store operation and recording the offset the second: nothing else touches the store on the way.
     */
    public Upload append(Caller caller, String id, long offset, Long announcedLength, ChunkChecksum checksum,
                         InputStream body) {
        Lease.Held<Upload> held = store.claimForWriting(id, caller.id(), offset, clock.instant());
        Upload upload = held.value();
        String token = held.token();
        Allowance allowance;
        try {
            Long settledLength = settleLength(upload, announcedLength);
            allowance = reserve(upload, settledLength);
            upload.length = settledLength;
        } catch (RuntimeException e) {
            store.letGo(withToken(upload, token));
            throw e;
        }
        Upload written = null;
        try {
            written = write(upload, token, offset, allowance, checksum, body);
            return written;
        } finally {
            if (allowance.temporary()) {
                // What this PATCH reserved but did not store goes back (all of it when the upload was discarded).
                long kept = written != null ? written.offset - offset
                        : store.find(id).map(current -> current.offset - offset).orElse(0L);
                quota.settle(upload.quotaOwner(), allowance.reserved() - Math.max(kept, 0));
            }
        }
    }

    /**
     * The bytes a PATCH may store in all and what it reserved against the quota for them: the rest of the length
     * when the length is (or becomes) known, else what the quota leaves, up to one deferred chunk; a temporary
     * reservation is settled after the PATCH by what it stored.
     */
    private record Allowance(long capacity, long reserved, boolean temporary, RuntimeException whenExceeded) {
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
        RuntimeException exceeded = granted < room ? UploadRules.quotaExceeded()
                : room < MAX_DEFERRED_CHUNK ? tooLarge("The upload exceeds its kind's size limit")
                : tooLarge("A chunk of an upload of unknown length may have at most " + MAX_DEFERRED_CHUNK + " bytes");
        return new Allowance(upload.offset + granted, granted, true, exceeded);
    }

    private Upload write(Upload upload, String token, long offset, Allowance allowance, ChunkChecksum checksum,
                         InputStream body) {
        String id = upload.id;
        MessageDigest whole = digests.resume(upload);
        MessageDigest chunk = checksum == null ? null : checksum.newDigest();
        DigestingInputStream bytes = new DigestingInputStream(
                new LeasedInputStream(new ChunkBody(body, allowance.capacity() - offset), config.patchLease(),
                        () -> store.renew(id, token, clock.instant())),
                whole, chunk);
        long stored;
        try {
            stored = storage.append(upload.storageKey, offset, bytes);
        } catch (MediaStorageException e) {
            return afterFailedAppend(upload, token, offset, allowance, chunk != null, whole, bytes.count(), e);
        }
        if (chunk != null && !checksum.matches(chunk)) {
            storage.truncate(upload.storageKey, offset);
            store.release(upload, token, offset);
            throw new UploadRefused(Reason.CHECKSUM_MISMATCH,
                    "The chunk's " + checksum.algorithm() + " does not match its bytes; it was discarded");
        }
        return advance(upload, token, stored, whole);
    }

    /** Records {@code durable} bytes as stored: the upload is complete when they are all its bytes. */
    private Upload advance(Upload upload, String token, long durable, MessageDigest whole) {
        if (upload.lengthKnown() && durable == upload.length) {
            return complete(upload, token, durable, whole);
        }
        upload.offset = durable;
        upload.expiresAt = clock.instant().plus(config.uploadExpiry());
        store.advance(upload, token);
        digests.keep(upload.id, durable, whole);
        return upload;
    }

    /** Deletes an unfinished upload and its bytes (tus termination). */
    public void terminate(Caller caller, String id) {
        Upload upload = status(caller, id);
        requireUploading(upload);
        if (!store.tryClaim(upload, clock.instant())) {
            throw UploadStore.locked(id);
        }
        discard(upload);
        LOG.infof("Upload %s terminated by its owner", id);
    }

    /** Deletes unfinished uploads whose expiry passed; returns how many. */
    public int expire(Instant now) {
        int expired = 0;
        for (Upload upload : store.expiredBefore(now)) {
            if (store.tryClaim(upload, now)) {
                discard(upload);
                LOG.infof("Upload %s expired after no bytes since %s", upload.id, upload.expiresAt.minus(config.uploadExpiry()));
                expired++;
            }
        }
        return expired;
    }

    /**
     * Seals and publishes the tracks of a closed room, holding each track's lease from before it is sealed until it
     * is marked published: an unfinished track becomes what arrived (marked partial), an empty one is discarded, and
     * {@code announce} is handed the tracks before any is marked. Empty, changing nothing, while a track is still
     * being written.
     */
    public Optional<List<Upload>> publishRoomTracks(String roomCode, Consumer<List<Upload>> announce) {
        Instant now = clock.instant();
        List<Upload> held = new ArrayList<>();
        List<Upload> tracks = new ArrayList<>();
        for (Upload upload : Upload.ofRoom(roomCode)) {
            if (upload.state != Upload.State.PUBLISHED && !store.tryClaim(upload, now)) {
                LOG.infof("Room %s: track %s is still being written; finalising on the next run", roomCode, upload.id);
                held.forEach(store::letGo);
                return Optional.empty();
            }
            if (upload.state == Upload.State.PUBLISHED) {
                tracks.add(upload);
            } else {
                held.add(upload);
            }
        }
        for (Upload upload : held) {
            sealed(upload).ifPresent(tracks::add);
        }
        announce.accept(tracks);
        for (Upload track : tracks) {
            if (track.state == Upload.State.COMPLETE) {
                track.state = Upload.State.PUBLISHED;
                store.replaceAndRelease(track, track.leaseToken);
            }
        }
        return Optional.of(tracks);
    }

    /** A held track as it is published: sealed as what arrived when unfinished, absent when it had nothing. */
    private Optional<Upload> sealed(Upload upload) {
        if (upload.state != Upload.State.UPLOADING) {
            return Optional.of(upload);
        }
        if (upload.offset == 0) {
            discard(upload);
            return Optional.empty();
        }
        upload.length = upload.offset;
        upload.partial = true;
        try {
            seal(upload, upload.offset, digests.resume(upload));
            return Optional.of(upload);
        } catch (UploadRefused notARecording) {
            return Optional.empty();
        }
    }

    /**
     * Removes an original's bytes from media storage, once: under its lease, recorded with {@code removedAt}, and
     * its bytes given back to the owner's quota. False when another holder has it or removed it first, or storage
     * failed (the next run tries again).
     */
    public boolean removeOriginal(Upload upload, Instant now) {
        if (!store.tryClaim(upload, now)) {
            return false;
        }
        try {
            storage.delete(upload.storageKey);
        } catch (MediaStorageException e) {
            LOG.errorf(e, "Original %s (%s) could not be removed; the next run tries again", upload.id, upload.storageKey);
            store.letGo(upload);
            return false;
        }
        if (!store.markRemoved(upload, now)) {
            store.letGo(upload);
            return false;
        }
        quota.release(upload.quotaOwner(), upload.reservedBytes());
        LOG.infof("Original %s removed: %s %s of owner %s, %d bytes, %s", upload.id, upload.kind.label(),
                upload.storageKey, upload.quotaOwner(), upload.reservedBytes(), upload.removalReason);
        return true;
    }

    private Upload complete(Upload upload, String token, long size, MessageDigest whole) {
        seal(upload, size, whole);
        if (upload.kind == UploadKind.MATERIAL) {
            publishMaterial(upload);
            upload.state = Upload.State.PUBLISHED;
        }
        store.replaceAndRelease(upload, token);
        LOG.infof("Upload %s complete: %d bytes, sha256 %s%s", upload.id, size, upload.sha256,
                upload.partial ? " (partial)" : "");
        return upload;
    }

    /** Makes every byte one finished object with its SHA-256; the caller holds the lease and stores the result. */
    private void seal(Upload upload, long size, MessageDigest whole) {
        digests.forget(upload.id);
        storage.complete(upload.storageKey);
        requireRecording(upload);
        upload.sha256 = WholeFileDigests.hex(whole);
        upload.offset = size;
        upload.completedAt = clock.instant();
        upload.state = Upload.State.COMPLETE;
    }

    /**
     * Refuses a finished upload that is neither MP4 nor WebM/Matroska by its first bytes (whatever it was declared
     * as): such a file, e.g. a playlist named .mp4, never reaches vod's ffmpeg. Its bytes and record are discarded.
     */
    private void requireRecording(Upload upload) {
        if (MediaContainer.of(storage.read(upload.storageKey)).isEmpty()) {
            discard(upload);
            LOG.warnf("Upload %s by %s discarded: its bytes are neither MP4 nor WebM/Matroska", upload.id, upload.ownerId);
            throw new UploadRefused(Reason.NOT_A_RECORDING,
                    "Upload " + upload.id + " is neither MP4 nor WebM/Matroska by its content; it was discarded");
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

    /** Keeps what a failed PATCH made durable, and refuses with what the client should hear (if it still listens). */
    private Upload afterFailedAppend(Upload upload, String token, long offset, Allowance allowance, boolean checksummed,
                                     MessageDigest whole, long digested, MediaStorageException failure) {
        Throwable cause = failure.getCause();
        digests.forget(upload.id);
        if (cause instanceof LeasedInputStream.LeaseLost) {
            throw new UploadRefused(Reason.TAKEN_OVER, "Another request took over this upload while this one stalled");
        }
        if (cause instanceof ChunkBody.CapExceeded || checksummed) {
            // A chunk that is too long, or whose checksum can no longer be checked, is not kept at all.
            storage.truncate(upload.storageKey, offset);
            store.release(upload, token, offset);
            if (cause instanceof ChunkBody.CapExceeded) {
                throw upload.lengthKnown()
                        ? tooLarge("The chunk goes beyond the upload's length of " + upload.length + " bytes")
                        : allowance.whenExceeded();
            }
            throw new UploadRefused(Reason.INTERRUPTED,
                    "The chunk ended early; its checksum cannot be verified, so none of it was kept");
        }
        // The sender vanished part way (or storage failed): keep and acknowledge what is durable, so the client
        // resumes from there.
        if (!(cause instanceof ChunkBody.SenderVanished)) {
            LOG.errorf(failure, "Upload %s: storing a chunk failed", upload.id);
        }
        long stored = storage.exists(upload.storageKey) ? storage.size(upload.storageKey) : 0;
        long durable = Math.max(offset, Math.min(stored, allowance.capacity()));
        LOG.infof("Upload %s: a PATCH broke off at %d bytes (%s)", upload.id, durable, failure.getMessage());
        if (durable == offset + digested) {
            digests.keep(upload.id, durable, whole);
        }
        if (upload.lengthKnown() && durable == upload.length) {
            upload.offset = durable;
            return complete(upload, token, durable, digests.resume(upload));
        }
        store.release(upload, token, durable);
        if (cause instanceof ChunkBody.SenderVanished) {
            throw new UploadRefused(Reason.INTERRUPTED, "The chunk ended early; " + durable + " bytes are stored, resume from there");
        }
        throw new UploadRefused(Reason.STORAGE_UNAVAILABLE, "Media storage failed; " + durable + " bytes are stored, resume from there");
    }

    private Long settleLength(Upload upload, Long announced) {
        if (announced == null) {
            return upload.length;
        }
        if (upload.lengthKnown()) {
            if (!announced.equals(upload.length)) {
                throw new UploadRefused(Reason.LENGTH_ALREADY_SET, "The upload's length is " + upload.length + "; it cannot change");
            }
            return upload.length;
        }
        if (announced < upload.offset) {
            throw new UploadRefused(Reason.INVALID_LENGTH, "Upload-Length is below the bytes already stored");
        }
        rules.checkLength(upload.kind, announced);
        return announced;
    }

    private static void requireUploading(Upload upload) {
        if (upload.state != Upload.State.UPLOADING) {
            throw UploadStore.finished(upload.id);
        }
    }

    private static UploadRefused tooLarge(String detail) {
        return new UploadRefused(Reason.TOO_LARGE, detail);
    }

    private static Upload withToken(Upload upload, String token) {
        upload.leaseToken = token;
        return upload;
    }

    /** Deletes an upload's bytes and record and gives back what it held of the quota; the caller holds its lease. */
    private void discard(Upload upload) {
        digests.forget(upload.id);
        storage.delete(upload.storageKey);
        store.delete(upload);
        quota.release(upload.quotaOwner(), upload.reservedBytes());
    }

    private static String storageKey(Upload upload) {
        String extension = UploadRules.extensionOf(upload.mimeType);
        return upload.kind == UploadKind.LESSON_TRACK
                ? "tracks/" + upload.roomCode + "/" + upload.id + "." + extension
                : "materials/" + upload.id + "." + extension;
    }
}
