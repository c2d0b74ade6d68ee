package academy.muse.recordings.upload;

import java.util.OptionalLong;

/**
 * Why an upload, or one step of it, was refused. The reasons are the domain's; {@code tus/} says how each is
 * answered over HTTP. {@link #storedOffset()} carries the offset the client should resume from, when it matters.
 */
public class UploadRefused extends RuntimeException {

    public enum Reason {
        NOT_FOUND("not-found"),
        NOT_YOURS("not-your-upload"),
        EXPIRED("upload-expired"),
        FINISHED("upload-finished"),
        OFFSET_MISMATCH("offset-mismatch"),
        /** Another request is writing the upload right now. */
        LOCKED("upload-locked"),
        /** This request stalled, and another took the upload over. */
        TAKEN_OVER("upload-taken-over"),
        CHECKSUM_MISMATCH("checksum-mismatch"),
        TOO_LARGE("too-large"),
        INTERRUPTED("upload-interrupted"),
        STORAGE_UNAVAILABLE("storage-unavailable"),
        NOT_A_RECORDING("not-a-recording"),
        UNSUPPORTED_MEDIA_TYPE("unsupported-media-type"),
        LENGTH_ALREADY_SET("length-already-set"),
        INVALID_LENGTH("invalid-upload-length"),
        EMPTY_UPLOAD("empty-upload"),
        INVALID_KIND("invalid-kind"),
        INVALID_METADATA("invalid-upload-metadata"),
        MISSING_ROOM("missing-room"),
        INVALID_ROOM_CODE("invalid-room-code"),
        UNKNOWN_ROOM("unknown-room"),
        NOT_A_ROOM_PARTICIPANT("not-a-room-participant"),
        ROOM_CLOSED("room-closed"),
        TEACHERS_ONLY("teachers-only"),
        INVALID_START_TIME("invalid-start-time"),
        IMPLAUSIBLE_START_TIME("implausible-start-time");

        private final String slug;

        Reason(String slug) {
            this.slug = slug;
        }

        /** The stable name of the reason, as clients see it in a problem's type. */
        public String slug() {
            return slug;
        }
    }

    private final Reason reason;
    private final Long storedOffset;

    public UploadRefused(Reason reason, String detail) {
        this(reason, detail, null);
    }

    private UploadRefused(Reason reason, String detail, Long storedOffset) {
        super(detail);
        this.reason = reason;
        this.storedOffset = storedOffset;
    }

    static UploadRefused offsetMismatch(Upload upload, long offset) {
        return new UploadRefused(Reason.OFFSET_MISMATCH,
                "Upload-Offset " + offset + " does not match the stored offset " + upload.offset, upload.offset);
    }

    public Reason reason() {
        return reason;
    }

    public OptionalLong storedOffset() {
        return storedOffset == null ? OptionalLong.empty() : OptionalLong.of(storedOffset);
    }
}
