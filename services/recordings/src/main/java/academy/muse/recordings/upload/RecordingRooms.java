package academy.muse.recordings.upload;

import java.util.Optional;

/** Where the rooms known from room events are looked up; the rooms' package provides it. */
public interface RecordingRooms {

    Optional<RecordingRoom> byCode(String code);

    /** The lesson's most recent room (a lesson normally has one). */
    Optional<RecordingRoom> byLessonOccurrence(String lessonOccurrenceId);
}
