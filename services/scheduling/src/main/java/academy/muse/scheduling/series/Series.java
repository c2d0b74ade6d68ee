package academy.muse.scheduling.series;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A weekly series as its teacher booked it: a zone, a local wall time, weekdays, an interval and an end.
 * The rule lives here; its occurrences are materialised as {@code Lesson}s up to {@link #materialisedUntil}.
 */
@MongoEntity(collection = "series")
public class Series extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public String teacherId;
    public List<String> studentIds = new ArrayList<>();
    public String title;
    public String zone;
    public String startDate;
    public String time;
    public List<String> weekdays = new ArrayList<>();
    public int intervalWeeks = 1;
    public int durationMinutes;
    /** The last date an occurrence may fall on (inclusive), or null. */
    public String endDate;
    /** How many occurrences the series has in all, or null. */
    public Integer count;
    /** Occurrences are materialised for every local date before this one. */
    public String materialisedUntil;
    /** Set when the teacher ended the series; nothing is materialised after that. */
    public Instant endedAt;
    public Instant createdAt;

    public SeriesRule rule() {
        return SeriesRule.of(this);
    }
}
