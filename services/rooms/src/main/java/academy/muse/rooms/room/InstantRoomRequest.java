package academy.muse.rooms.room;

import academy.muse.contracts.validation.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * A teacher's "Create room" ({@code POST /api/rooms/instant}). Without {@code studentIds} the room is open
 * to all of the teacher's students (as the teacher's token lists them at creation) and their observers.
 *
 * @param durationMinutes how long the room lasts; the default is {@code muse.rooms.instant-duration}
 * @param studentIds      only these students (each must be the teacher's student) and their observers
 */
public record InstantRoomRequest(
        @Size(max = 200) @PlainText String title,
        @Min(5) @Max(1440) Integer durationMinutes,
        @Size(max = 50) List<@NotBlank @PlainText String> studentIds) {
}
