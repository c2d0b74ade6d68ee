package academy.muse.scheduling.series;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesRuleTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void everyOtherWeekOnTwoWeekdaysCountsOccurrencesFromTheStartDate() {
        SeriesRule rule = new SeriesRule(NEW_YORK, LocalDate.parse("2027-01-06"), LocalTime.of(17, 0),
                EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY), 2, null, 5, Duration.ofMinutes(45));

        List<LocalDate> dates = rule.between(LocalDate.parse("2027-01-01"), LocalDate.parse("2028-01-01")).stream()
                .map(SeriesRule.Occurrence::date).toList();

        // The start is a Wednesday, so that week's Monday is skipped; then every other week.
        assertThat(dates).extracting(LocalDate::toString)
                .containsExactly("2027-01-06", "2027-01-18", "2027-01-20", "2027-02-01", "2027-02-03");
    }

    @Test
    void aWallTimeInTheSpringForwardGapMovesForwardByTheGap() {
        SeriesRule rule = new SeriesRule(NEW_YORK, LocalDate.parse("2027-03-14"), LocalTime.of(2, 30),
                EnumSet.of(DayOfWeek.SUNDAY), 1, null, 1, Duration.ofMinutes(30));

        SeriesRule.Occurrence only = rule.between(LocalDate.parse("2027-03-14"), LocalDate.parse("2027-03-15")).get(0);

        assertThat(only.startsAt()).isEqualTo(Instant.parse("2027-03-14T07:30:00Z"));
        assertThat(only.startsAt().atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(3, 30));
    }

    @Test
    void anEndDateIsInclusiveAndAWindowShowsOnlyItsPart() {
        SeriesRule rule = new SeriesRule(ZoneId.of("Asia/Seoul"), LocalDate.parse("2027-01-05"), LocalTime.of(18, 0),
                EnumSet.of(DayOfWeek.TUESDAY), 1, LocalDate.parse("2027-01-26"), null, Duration.ofMinutes(45));

        assertThat(rule.between(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"))).hasSize(4);
        assertThat(rule.between(LocalDate.parse("2027-01-13"), LocalDate.parse("2027-01-20")))
                .singleElement().satisfies(occurrence -> {
                    assertThat(occurrence.ordinal()).isEqualTo(2);
                    assertThat(occurrence.startsAt()).isEqualTo(Instant.parse("2027-01-19T09:00:00Z"));
                });
        assertThat(rule.lastDate(LocalDate.parse("2030-01-01"))).isEqualTo(LocalDate.parse("2027-01-26"));
    }
}
