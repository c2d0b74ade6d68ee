package academy.muse.scheduling.roomissuer;

import academy.muse.platform.lease.Lease;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonState;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.Sorts;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The claim protocol on lesson occurrences, in batches, on the shared {@link Lease}. An issuer reads which
 * occurrences are due (one query for many, earliest first), then claims a batch of them with {@link Lease#claimEach},
 * which re-checks each is still due: of two issuers claiming the same batch, each occurrence goes to exactly one. A
 * finished issue stores the rooms and lets the lease go; a failed one keeps it until the occurrence's retry time; a
 * crashed issuer's lease simply runs out.
 */
@ApplicationScoped
public class IssueClaims {

    private static final String ID = "_id";
    private static final String STATE = "state";
    private static final String ROOM_CODE = "roomCode";
    private static final String STARTS_AT = "startsAt";
    private static final String ENDS_AT = "endsAt";

    /** A room rooms issued for a claimed occurrence, to be stored. */
    public record IssuedRoom(String lessonId, String roomCode, String joinLink) {
    }

    /** The ids of up to {@code limit} occurrences that start within {@code leadTime} and nobody is issuing. */
    public List<String> dueCandidates(Instant now, Duration leadTime, int limit) {
        return Lesson.<Lesson>mongoCollection().find(Filters.and(due(now, leadTime), Lease.free(now)), Document.class)
                .projection(Projections.include(ID)).sort(Sorts.ascending(STARTS_AT)).limit(limit)
                .map(document -> document.getString(ID)).into(new ArrayList<>());
    }

    /** Claims those of these occurrences that are still due and unclaimed; returns the claimed ones, earliest first. */
    public List<Lesson> claim(List<String> lessonIds, Instant now, Duration leadTime, Duration lease) {
        List<Lesson> claimed = new ArrayList<>(lessons().claimEach(lessonIds, due(now, leadTime),
                Updates.inc("issueAttempts", 1), now, now.plus(lease)).value());
        claimed.sort(Comparator.comparing(lesson -> lesson.startsAt));
        return claimed;
    }

    /**
     * Stores the issued rooms and lets their leases go, with one bulk write; returns the ids of the occurrences
     * stored. One cancelled meanwhile is left as it is and not among them.
     */
    public List<String> roomsIssued(List<IssuedRoom> rooms) {
        if (rooms.isEmpty()) {
            return List.of();
        }
        long stored = Lesson.<Lesson>mongoCollection().bulkWrite(rooms.stream().map(room -> new UpdateOneModel<Lesson>(
                Filters.and(Filters.eq(ID, room.lessonId()), Filters.eq(STATE, LessonState.SCHEDULED.name())),
                Updates.combine(Updates.set(ROOM_CODE, room.roomCode()), Updates.set("joinLink", room.joinLink()),
                        Updates.set(STATE, LessonState.ROOM_READY.name()), Lease.letGo(),
                        Updates.set("roomIssueError", null), Updates.inc("revision", 1)))).toList(),
                new BulkWriteOptions().ordered(false)).getModifiedCount();
        List<String> ids = rooms.stream().map(IssuedRoom::lessonId).toList();
        if (stored == rooms.size()) {
            return ids;
        }
        Map<String, String> codes = rooms.stream().collect(Collectors.toMap(IssuedRoom::lessonId, IssuedRoom::roomCode));
        return Lesson.<Lesson>mongoCollection().find(Filters.in(ID, ids)).into(new ArrayList<>()).stream()
                .filter(lesson -> lesson.roomCode != null && lesson.roomCode.equals(codes.get(lesson.id)))
                .map(lesson -> lesson.id).toList();
    }

    /**
     * Records why issuing failed; each occurrence stays held until its own retry time, and may be claimed again
     * from then on.
     */
    public void issueFailed(Map<String, Instant> retryAt, String error) {
        if (retryAt.isEmpty()) {
            return;
        }
        Lesson.<Lesson>mongoCollection().bulkWrite(retryAt.entrySet().stream().map(retry -> new UpdateOneModel<Lesson>(
                Filters.eq(ID, retry.getKey()), Updates.combine(Updates.set("roomIssueError", error),
                        Updates.set(Lease.UNTIL, Date.from(retry.getValue()))))).toList(),
                new BulkWriteOptions().ordered(false));
    }

    private static Lease<Lesson> lessons() {
        return Lease.on(Lesson.<Lesson>mongoCollection());
    }

    /** Scheduled, without a room, starting within the lead time, and not over. */
    private static Bson due(Instant now, Duration leadTime) {
        return Filters.and(Filters.eq(STATE, LessonState.SCHEDULED.name()), Filters.eq(ROOM_CODE, null),
                Filters.lte(STARTS_AT, Date.from(now.plus(leadTime))), Filters.gt(ENDS_AT, Date.from(now)));
    }
}
