package academy.muse.scheduling.series;

import java.time.Instant;
import java.util.List;

/** A series' rule as booked, in its own zone. */
public record SeriesView(String id, String title, String teacherId, List<String> studentIds, String zone,
                         String startDate, String time, List<String> weekdays, int intervalWeeks,
                         int durationMinutes, String endDate, Integer count, String materialisedUntil,
                         Instant endedAt) {

    public static SeriesView of(Series series) {
        return new SeriesView(series.id, series.title, series.teacherId, series.studentIds, series.zone,
                series.startDate, series.time, series.weekdays, series.intervalWeeks, series.durationMinutes,
                series.endDate, series.count, series.materialisedUntil, series.endedAt);
    }
}
