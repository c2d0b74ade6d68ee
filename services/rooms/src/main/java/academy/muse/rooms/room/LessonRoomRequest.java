package academy.muse.rooms.room;

import academy.muse.contracts.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;

/** What scheduling sends to have a lesson's room issued ({@code PUT /internal/rooms/{lessonOccurrenceId}}). */
public record LessonRoomRequest(
        @Size(max = 200) @PlainText String title,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @NotEmpty @Size(max = 50) List<@Valid @NotNull Participant> participants) {

    public record Participant(
            @NotBlank @Size(max = 100) @PlainText String accountId,
            @NotNull @Pattern(regexp = "host|participant|observer", message = "must be host, participant or observer") String role,
            @Size(max = 200) @PlainText String displayName) {
    }
}
