package academy.muse.rooms.ticket;

import academy.muse.rooms.room.RoomView;

/**
 * The answer to "join this room": the room as the caller sees it and their ticket (with ICE servers and the
 * signaling URL), so that a browser can connect to signaling after one round trip.
 */
public record RoomJoin(RoomView room, TicketResponse ticket) {
}
