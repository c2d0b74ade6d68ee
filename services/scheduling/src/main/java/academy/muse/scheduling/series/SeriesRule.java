package academy.muse.scheduling.series;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Expands a series into occurrences. Each occurrence is its local date at the series' wall time in the
 * series' zone, so a New York 17:00 series stays at 17:00 local across daylight-saving changes while its
 * instants move. A wall time that does not exist on a spring-forward day is pushed forward by the gap
 * (java.time's rule, the same as RFC 5545). Weeks start on Monday (RFC 5545's default WKST); with an
 * interval of N, every Nth week counted from the week of the start date has occurrences.
 *
 * @param until the last date an occurrence may fall on, or null
 * @param count how many occurrences there are in all, or null
 */
public record SeriesRule(ZoneId zone, LocalDate startDate, LocalTime time, Set<DayOfWeek> weekdays,
                         int intervalWeeks, LocalDate until, Integer count, Duration duration) {

    /** One occurrence: its ordinal in the series (from 0), its local date and its instants. */
    public record Occurrence(int ordinal, LocalDate date, Instant startsAt, Instant endsAt) {
    }

    public static SeriesRule of(Series series) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        series.weekdays.forEach(day -> days.add(DayOfWeek.valueOf(day)));
        return new SeriesRule(ZoneId.of(series.zone), LocalDate.parse(series.startDate), LocalTime.parse(series.time),
                days, series.intervalWeeks, series.endDate == null ? null : LocalDate.parse(series.endDate),
                series.count, Duration.ofMinutes(series.durationMinutes));
    }

    /** The occurrences whose local date is in {@code [from, before)}, ordinals counted from the series' start. */
    public List<Occurrence> between(LocalDate from, LocalDate before) {
        List<Occurrence> occurrences = new ArrayList<>();
        LocalDate week = startDate.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        int ordinal = 0;
        while (week.isBefore(before) && !ended(week, ordinal)) {
            for (DayOfWeek day : weekdays) {
                LocalDate date = week.with(TemporalAdjusters.nextOrSame(day));
                if (date.isBefore(startDate)) {
                    continue;
                }
                if (ended(date, ordinal) || !date.isBefore(before)) {
                    break;
                }
                if (!date.isBefore(from)) {
                    occurrences.add(occurrence(ordinal, date));
                }
                ordinal++;
            }
            week = week.plusWeeks(intervalWeeks);
        }
        return occurrences;
    }

    /** The local date after the series' last occurrence, or null when the series has no occurrence at all. */
    public LocalDate lastDate(LocalDate giveUpAfter) {
        List<Occurrence> all = between(startDate, giveUpAfter.plusDays(1));
        return all.isEmpty() ? null : all.get(all.size() - 1).date();
    }

    public Occurrence occurrence(int ordinal, LocalDate date) {
        ZonedDateTime start = ZonedDateTime.of(date, time, zone);
        Instant startsAt = start.toInstant();
        return new Occurrence(ordinal, date, startsAt, startsAt.plus(duration));
    }

    private boolean ended(LocalDate date, int ordinal) {
        return (until != null && date.isAfter(until)) || (count != null && ordinal >= count);
    }
}
