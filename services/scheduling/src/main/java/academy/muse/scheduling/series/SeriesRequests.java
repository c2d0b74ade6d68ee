package academy.muse.scheduling.series;

import academy.muse.contracts.validation.PlainText;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** What a teacher sends to book or end a weekly series. */
public final class SeriesRequests {

    private SeriesRequests() {
    }

    /**
     * Every {@code intervalWeeks} weeks on {@code weekdays} at {@code time} in {@code zone}, from
     * {@code startDate} until {@code endDate} (inclusive) or for {@code count} occurrences.
     */
    public record BookSeries(@NotBlank @Size(max = 200) @PlainText String title,
                             @NotEmpty List<@NotBlank @PlainText String> studentIds,
                             @NotBlank @PlainText String zone,
                             @NotNull LocalDate startDate,
                             @NotNull LocalTime time,
                             @NotEmpty Set<DayOfWeek> weekdays,
                             @Positive @Max(52) Integer intervalWeeks,
                             @NotNull @Positive Integer durationMinutes,
                             LocalDate endDate,
                             @Positive Integer count) {
    }

    public record EndSeries(@Size(max = 500) @PlainText(multiline = true) String reason) {
    }
}
