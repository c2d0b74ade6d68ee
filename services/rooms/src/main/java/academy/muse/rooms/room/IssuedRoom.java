package academy.muse.rooms.room;

import java.time.Instant;

/** The answer to scheduling's PUT: exactly the fields of the shared contract, nothing more. */
public record IssuedRoom(String code, String joinLink, Instant opensAt, Instant closesAt, String state) {
}
