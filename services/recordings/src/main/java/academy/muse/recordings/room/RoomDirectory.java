package academy.muse.recordings.room;

import academy.muse.recordings.upload.RecordingRoom;
import academy.muse.recordings.upload.RecordingRooms;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The rooms learnt from room events, as the upload rules look them up. */
@ApplicationScoped
class RoomDirectory implements RecordingRooms {

    @Override
    public Optional<RecordingRoom> byCode(String code) {
        return Room.byCode(code).map(RoomDirectory::recordingRoom);
    }

    @Override
    public Optional<RecordingRoom> byLessonOccurrence(String lessonOccurrenceId) {
        return Room.byLessonOccurrence(lessonOccurrenceId).map(RoomDirectory::recordingRoom);
    }

    private static RecordingRoom recordingRoom(Room room) {
        Map<String, String> roles = new LinkedHashMap<>();
        if (room.participants != null) {
            room.participants.forEach(member -> roles.putIfAbsent(member.accountId, member.role));
        }
        return new RecordingRoom(room.code, room.lessonOccurrenceId, roles, room.accountIds(), room.hostId(),
                room.closedAt, room.finalisedAt != null);
    }
}
