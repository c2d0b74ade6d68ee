package academy.muse.rooms.room;

/** A caller's place in a room: the room and the role they join it in. */
public record Membership(Room room, String role, String displayName) {
}
