package academy.muse.contracts.events;

import academy.muse.contracts.problem.ProblemException;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Published by recordings. */
public final class RecordingEvents {

    private RecordingEvents() {
    }

    /**
     * One uploaded track or material, as stored in media storage.
     *
     * @param storageKey where the bytes are in media storage
     * @param startedAt  the track's start in server time; composition aligns tracks by it
     * @param partial    true when the browser vanished before finishing; the bytes are what arrived
     */
    public record Track(String uploadId, String participantId, String role, String mimeType, String storageKey,
                        long sizeBytes, String sha256, Instant startedAt, boolean partial) {
    }

    /**
     * @param kind               {@code lesson-track} (a whole lesson's tracks) or {@code material}
     * @param roomCode           the lesson's room; null for a material
     * @param lessonOccurrenceId the lesson; null for an instant room or a library material
     * @param ownerId            the teacher who owns the lesson or the material
     * @param viewerIds          accounts allowed to watch the result
     * @param scope              a material's audience among the owner's students; null for a lesson's tracks and
     *                           for a material every student of the owner may watch
     */
    public record RecordingCompleted(String recordingId, String kind, String roomCode, String lessonOccurrenceId,
                                     String ownerId, List<String> viewerIds, String title, List<Track> tracks,
                                     MaterialScope scope) {
        /** A lesson's recording: once per room, whatever its tracks. */
        public static String eventIdOfRoom(String roomCode) {
            return "recording-completed-room-" + roomCode;
        }


        /** A lesson's tracks, or a material without a scope. */
        public RecordingCompleted(String recordingId, String kind, String roomCode, String lessonOccurrenceId,
                                  String ownerId, List<String> viewerIds, String title, List<Track> tracks) {
            this(recordingId, kind, roomCode, lessonOccurrenceId, ownerId, viewerIds, title, tracks, null);
        }
    }

    /**
     * Whom a material (a preview video) is for: some of its teacher's students, chosen by name, as a series' or as a
     * lesson's students. The series or lesson is resolved to its students when the scope is set (by the teacher's
     * browser, which reads them from scheduling), and only the teacher's own students are accepted, so a scope can
     * narrow who sees a material but never widen it beyond the teacher's students. The observers of the students in
     * scope see it too.
     *
     * @param kind               {@code students}, {@code series} or {@code lesson}
     * @param seriesId           the series, for kind {@code series}
     * @param lessonOccurrenceId the lesson, for kind {@code lesson}
     * @param studentIds         the students in scope
     */
    public record MaterialScope(String kind, String seriesId, String lessonOccurrenceId, List<String> studentIds) {

        public static final String STUDENTS = "students";
        public static final String SERIES = "series";
        public static final String LESSON = "lesson";
        /** Not stored: what a teacher sends to give a material back to all their students. */
        public static final String ALL = "all";

        private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");
        private static final int MAX_STUDENTS = 200;

        /**
         * This scope checked against the students of the teacher who sets it (their token's {@code students}), with
         * its students in order and each once; empty for
         * {@link #ALL}. Throws 422 {@code invalid-scope} when it is malformed or names someone who is not the
         * teacher's student.
         */
        public Optional<MaterialScope> checkedFor(Collection<String> teachersStudents) {
            if (ALL.equals(kind) && seriesId == null && lessonOccurrenceId == null
                    && (studentIds == null || studentIds.isEmpty())) {
                return Optional.empty();
            }
            boolean shaped = switch (kind == null ? "" : kind) {
                case STUDENTS -> seriesId == null && lessonOccurrenceId == null;
                case SERIES -> isId(seriesId) && lessonOccurrenceId == null;
                case LESSON -> seriesId == null && isId(lessonOccurrenceId);
                default -> false;
            };
            if (!shaped) {
                throw invalid("a scope is 'all', 'students', 'series' with a seriesId or 'lesson' with a "
                        + "lessonOccurrenceId");
            }
            if (studentIds == null || studentIds.isEmpty() || studentIds.size() > MAX_STUDENTS) {
                throw invalid("a scope names 1 to " + MAX_STUDENTS + " students");
            }
            for (String studentId : studentIds) {
                if (!isId(studentId) || !teachersStudents.contains(studentId)) {
                    throw invalid("'" + studentId + "' is not one of your students");
                }
            }
            return Optional.of(new MaterialScope(kind, seriesId, lessonOccurrenceId,
                    studentIds.stream().distinct().sorted().toList()));
        }

        private static boolean isId(String value) {
            return value != null && ID.matcher(value).matches();
        }

        private static ProblemException invalid(String detail) {
            return ProblemException.unprocessable("invalid-scope", detail);
        }
    }

    /**
     * An owner's stored bytes rose past a warning level of their quota ({@code percent} 80, 95 or 100). Published
     * once per level crossed upwards; falling below a level and rising again publishes it again.
     */
    public record StorageThresholdCrossed(String ownerId, int percent, long usedBytes, long quotaBytes) {
        /** Once per crossing: falling below a level and passing it again is a new crossing. */
        public static String eventId(String ownerId, int percent, long crossing) {
            return "storage-threshold-" + ownerId + "-" + percent + "-" + crossing;
        }
    }
}
