package academy.muse.rooms.room;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** One lesson occurrence's room in scheduling's batch ({@code PUT /internal/rooms}). */
public record LessonRoom(
        @NotNull @Pattern(regexp = OCCURRENCE_ID, message = OCCURRENCE_ID_MESSAGE) String occurrenceId,
        @Valid @NotNull LessonRoomRequest room) {

    /** What a lesson occurrence id may look like, in a path or in a batch. */
    public static final String OCCURRENCE_ID = "[A-Za-z0-9._:-]{1,100}";
    public static final String OCCURRENCE_ID_MESSAGE = "must be 1-100 letters, digits or . _ : -";
}
