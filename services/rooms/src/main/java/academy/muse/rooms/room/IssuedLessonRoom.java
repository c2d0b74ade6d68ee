package academy.muse.rooms.room;

/** The room of one occurrence of scheduling's batch, in the order asked. */
public record IssuedLessonRoom(String occurrenceId, IssuedRoom room) {
}
