package academy.muse.recordings.upload;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.upload.UploadRefused.Reason;
import academy.muse.recordings.usage.QuotaLedger;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may upload what: the checks on a new upload's metadata, size and owner before anything is stored, and the
 * limits a growing upload must stay within.
 */
@ApplicationScoped
public class UploadRules {

    private static final Pattern ROOM_CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_TEXT = 300;
    private static final List<String> RECORDING_ROLES = List.of("host", "participant");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "video/webm", "webm", "audio/webm", "webm", "video/mp4", "mp4", "audio/mp4", "m4a",
            "audio/ogg", "ogg", "video/quicktime", "mov");

    private final RecordingsConfig config;
    private final RecordingRooms rooms;

    UploadRules(RecordingsConfig config, RecordingRooms rooms) {
        this.config = config;
        this.rooms = rooms;
    }

    /** The largest upload of any kind, advertised as {@code Tus-Max-Size}. */
    public long maxSize() {
        return Math.max(config.maxLessonTrackBytes(), config.maxMaterialBytes());
    }

    public long maxSize(UploadKind kind) {
        return kind == UploadKind.LESSON_TRACK ? config.maxLessonTrackBytes() : config.maxMaterialBytes();
    }

    /** A new upload for this caller, checked and ready to be stored; throws the problem that stops it. */
    public Upload admit(Caller caller, Long length, UploadMetadata metadata, String rawMetadata, Instant now) {
        UploadKind kind = metadata.get("kind").map(UploadKind::fromLabel).orElseThrow(() ->
                new UploadRefused(Reason.INVALID_KIND, "Upload-Metadata 'kind' must be lesson-track or material"));
        Upload upload = new Upload();
        upload.kind = kind;
        upload.ownerId = caller.id();
        upload.mimeType = allowedMimeType(metadata);
        upload.filename = text(metadata, "filename");
        upload.title = text(metadata, "title");
        upload.metadata = rawMetadata;
        upload.length = length;
        upload.createdAt = now;
        checkLength(kind, length);
        if (kind == UploadKind.LESSON_TRACK) {
            admitTrack(caller, metadata, upload, now);
        } else {
            admitMaterial(caller, metadata, upload, now);
        }
        return upload;
    }

    /** Checks a length announced at creation or later (deferred): within the kind's limit and not empty. */
    public void checkLength(UploadKind kind, Long length) {
        if (length == null) {
            return;
        }
        if (length == 0) {
            throw new UploadRefused(Reason.EMPTY_UPLOAD, "An upload needs at least one byte");
        }
        if (length > maxSize(kind)) {
            throw new UploadRefused(Reason.TOO_LARGE, "A " + kind.label() + " may have at most " + maxSize(kind) + " bytes");
        }
    }

    static RuntimeException quotaExceeded() {
        return QuotaLedger.quotaExceeded();
    }

    private void admitTrack(Caller caller, UploadMetadata metadata, Upload upload, Instant now) {
        RecordingRoom room = room(metadata);
        String role = room.roleOf(caller.id()).filter(RECORDING_ROLES::contains).orElseThrow(() ->
                new UploadRefused(Reason.NOT_A_ROOM_PARTICIPANT,
                        "Only a participant of room " + room.code() + " may upload its tracks"));
        if (room.finalised() || (room.closedAt() != null && now.isAfter(room.closedAt().plus(config.roomCloseGrace())))) {
            throw new UploadRefused(Reason.ROOM_CLOSED, "Room " + room.code() + " has closed");
        }
        upload.role = role;
        upload.quotaOwnerId = room.hostId().orElse(caller.id());
        upload.roomCode = room.code();
        upload.lessonOccurrenceId = room.lessonOccurrenceId();
        upload.viewerIds = room.accountIds();
        upload.startedAt = startedAt(metadata, now);
    }

    private void admitMaterial(Caller caller, UploadMetadata metadata, Upload upload, Instant now) {
        if (!caller.is(Roles.TEACHER)) {
            throw new UploadRefused(Reason.TEACHERS_ONLY, "Only teachers upload materials");
        }
        upload.role = Roles.TEACHER;
        upload.quotaOwnerId = caller.id();
        upload.lessonOccurrenceId = text(metadata, "lessonOccurrenceId");
        Optional<MaterialScope> scope = materialScope(metadata, upload.lessonOccurrenceId, caller);
        upload.scopeKind = scope.map(MaterialScope::kind).orElse(null);
        upload.scopeSeriesId = scope.map(MaterialScope::seriesId).orElse(null);
        upload.viewerIds = scope.map(MaterialScope::studentIds).orElse(List.copyOf(caller.students()));
        upload.startedAt = now;
    }

    /**
     * Whom a material is for, from the metadata {@code scope} ({@code all}, {@code students}, {@code series} or
     * {@code lesson}), {@code scopeStudentIds} (comma-separated), {@code scopeSeriesId} and, for a lesson, the
     * {@code lessonOccurrenceId}; without {@code scope}, every student of the teacher.
     */
    private static Optional<MaterialScope> materialScope(UploadMetadata metadata, String lessonOccurrenceId,
                                                         Caller teacher) {
        Optional<String> kind = metadata.get("scope");
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        List<String> studentIds = metadata.get("scopeStudentIds").stream()
                .flatMap(ids -> Arrays.stream(ids.split(","))).map(String::strip).filter(id -> !id.isEmpty()).toList();
        return new MaterialScope(kind.get(), metadata.get("scopeSeriesId").orElse(null),
                MaterialScope.LESSON.equals(kind.get()) ? lessonOccurrenceId : null, studentIds).checkedFor(teacher.students());
    }

    /** The track's room, named by {@code roomCode} or by the lesson ({@code lessonOccurrenceId}) it belongs to. */
    private RecordingRoom room(UploadMetadata metadata) {
        Optional<String> lesson = metadata.get("lessonOccurrenceId");
        if (metadata.get("roomCode").isEmpty() && lesson.isPresent()) {
            return rooms.byLessonOccurrence(lesson.get()).orElseThrow(() -> new UploadRefused(Reason.UNKNOWN_ROOM,
                    "No room of lesson " + lesson.get() + " is open for recording"));
        }
        String code = metadata.get("roomCode").orElseThrow(() -> new UploadRefused(Reason.MISSING_ROOM,
                "A lesson track needs the 'roomCode' (or 'lessonOccurrenceId') metadata"));
        if (!ROOM_CODE.matcher(code).matches()) {
            throw new UploadRefused(Reason.INVALID_ROOM_CODE, "'" + code + "' is not a room code");
        }
        return rooms.byCode(code).orElseThrow(() -> new UploadRefused(Reason.UNKNOWN_ROOM,
                "Room " + code + " is not open for recording"));
    }

    /**
     * The server-time start of a track: the client's {@code startedAt} (the browser's clock corrected by the
     * {@code serverTime} its room ticket carried) when it is plausible, else refused; without one, now.
     */
    private Instant startedAt(UploadMetadata metadata, Instant now) {
        Optional<String> reported = metadata.get("startedAt");
        if (reported.isEmpty()) {
            return now;
        }
        Instant startedAt;
        try {
            startedAt = Instant.parse(reported.get());
        } catch (DateTimeParseException e) {
            throw new UploadRefused(Reason.INVALID_START_TIME, "'startedAt' must be an ISO-8601 instant");
        }
        if (startedAt.isAfter(now.plus(config.startTolerance())) || startedAt.isBefore(now.minus(config.maxStartLead()))) {
            throw new UploadRefused(Reason.IMPLAUSIBLE_START_TIME,
                    "'startedAt' must lie between " + config.maxStartLead() + " before and " + config.startTolerance()
                            + " after the server's time " + now);
        }
        return startedAt;
    }

    private String allowedMimeType(UploadMetadata metadata) {
        String declared = metadata.get("mimeType").or(() -> metadata.get("filetype")).orElseThrow(() ->
                new UploadRefused(Reason.UNSUPPORTED_MEDIA_TYPE, "The upload needs 'mimeType' (or 'filetype') metadata"));
        String base = declared.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!config.allowedMimeTypes().contains(base)) {
            throw new UploadRefused(Reason.UNSUPPORTED_MEDIA_TYPE, "'" + base + "' is not accepted; accepted: "
                    + String.join(", ", config.allowedMimeTypes()));
        }
        return declared.trim();
    }

    public static String extensionOf(String mimeType) {
        return EXTENSIONS.getOrDefault(mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT), "bin");
    }

    private static String text(UploadMetadata metadata, String key) {
        String value = metadata.get(key).orElse(null);
        if (value != null && value.length() > MAX_TEXT) {
            throw new UploadRefused(Reason.INVALID_METADATA, "'" + key + "' is longer than " + MAX_TEXT);
        }
        return value;
    }
}
