package academy.muse.scheduling.lesson;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One lesson occurrence: a single lesson, or one materialised occurrence of a series. It is an instant
 * (plus the zone it was booked in) with its own state, room and replay, so changing one occurrence is a
 * plain update of this document.
 */
@MongoEntity(collection = "lessons")
public class Lesson extends PanacheMongoEntityBase {

    /** For a series occurrence {@code <seriesId>-<yyyymmdd>} of its local date, so materialising twice stores one. */
    @BsonId
    public String id;
    public String seriesId;
    /** The occurrence's date in the series' zone, as the series rule produced it (before any move). */
    public String seriesDate;
    public String teacherId;
    public List<String> studentIds = new ArrayList<>();
    public String title;
    /** The zone it was booked in: the series' zone, or the single lesson's. */
    public String zone;
    public Instant startsAt;
    public Instant endsAt;
    public LessonState state = LessonState.SCHEDULED;
    public String cancelReason;

    public String roomCode;
    public String joinLink;
    /**
     * Until when an issuer holds this occurrence (or, after a failed issue, when it may be tried again); null when
     * nobody does. The shared {@code Lease}'s field, as is {@link #leaseToken}.
     */
    public Instant leaseUntil;
    /** The token of the issuer run that holds the lease; see {@code IssueClaims}. */
    public String leaseToken;
    public int issueAttempts;
    /** Why the last attempt to issue the room failed; cleared once it is issued. */
    public String roomIssueError;

    public Instant startedAt;
    public Instant endedAt;
    public List<String> attended = new ArrayList<>();
    public List<Replay> replays = new ArrayList<>();
    /** Raised on every change a calendar should notice (RFC 5545 SEQUENCE). */
    public int revision;
    public Instant createdAt;

    public Duration duration() {
        return Duration.between(startsAt, endsAt);
    }

    public LocalDate seriesLocalDate() {
        return seriesDate == null ? null : LocalDate.parse(seriesDate);
    }

    public boolean overlaps(Instant otherStart, Instant otherEnd) {
        return startsAt.isBefore(otherEnd) && otherStart.isBefore(endsAt);
    }

    /** A packaged recording of this lesson, from {@code vod.asset-ready}. */
    public static class Replay {
        public String assetId;
        public String kind;
        public String title;
        public double durationSeconds;
        public Instant readyAt;
    }
}
