package academy.muse.scheduling.lesson;

import academy.muse.contracts.validation.PlainText;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/** What a teacher sends to book, move or cancel a lesson. */
public final class LessonRequests {

    private LessonRequests() {
    }

    /**
     * A single lesson at a local date-time in a zone.
     *
     * @param start e.g. {@code 2026-12-01T17:00}, wall-clock time in {@code zone}
     */
    public record BookLesson(@NotBlank @Size(max = 200) @PlainText String title,
                             @NotEmpty List<@NotBlank @PlainText String> studentIds,
                             @NotBlank @PlainText String zone,
                             @NotNull LocalDateTime start,
                             @NotNull @Positive Integer durationMinutes) {
    }

    /**
     * Moves or renames one occurrence ({@code scope=this}, the default: {@code start}, {@code zone}) or this
     * and all following occurrences of its series ({@code scope=following}: {@code time} of day).
     */
    public record ChangeLesson(@Pattern(regexp = "this|following") String scope,
                               LocalDateTime start,
                               @PlainText String zone,
                               LocalTime time,
                               @Positive Integer durationMinutes,
                               @Size(min = 1, max = 200) @PlainText String title,
                               @Size(max = 500) @PlainText(multiline = true) String reason) {

        public boolean following() {
            return "following".equals(scope);
        }
    }

    /** Cancels one occurrence ({@code scope=this}) or this and all following ({@code scope=following}). */
    public record CancelLesson(@Pattern(regexp = "this|following") String scope, @Size(max = 500) @PlainText(multiline = true) String reason) {

        public boolean following() {
            return "following".equals(scope);
        }
    }
}
