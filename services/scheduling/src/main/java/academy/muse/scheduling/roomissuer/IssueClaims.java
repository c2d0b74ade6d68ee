package academy.muse.scheduling.roomissuer;

import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonState;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The claim protocol on lesson occurrences, in batches. An issuer reads which occurrences are due (one query for
 * many, earliest first), then claims a batch of them with one conditional update by {@code _id} that re-checks each
 * is still due and unclaimed and sets a lease and a fresh claim token, and reads back the ones carrying its token:
 * of two issuers claiming the same batch, each occurrence goes to exactly one. A finished issue stores the rooms and
 * releases the leases; a crashed issuer's lease simply expires.
 * <p>
 * Every write names its occurrences by {@code _id} (an exact id or an {@code $in}) with the other conditions beside
 * it, as a plain document: an index lookup on MongoDB and on the embedded store alike.
 */
@ApplicationScoped
public class IssueClaims {

    private static final String ID = "_id";
    private static final String STATE = "state";
    private static final String ROOM_CODE = "roomCode";
    private static final String STARTS_AT = "startsAt";
    private static final String ENDS_AT = "endsAt";
    private static final String LEASE_UNTIL = "issueLeaseUntil";
    private static final String CLAIM = "issueClaim";

    /** A room rooms issued for a claimed occurrence, to be stored. */
    public record IssuedRoom(String lessonId, String roomCode, String joinLink) {
    }

    /** The ids of up to {@code limit} occurrences that start within {@code leadTime} and nobody is issuing. */
    public List<String> dueCandidates(Instant now, Duration leadTime, int limit) {
        return Lesson.<Lesson>mongoCollection().find(due(now, leadTime), Document.class)
                .projection(Projections.include(ID)).sort(Sorts.ascending(STARTS_AT)).limit(limit)
                .map(document -> document.getString(ID)).into(new ArrayList<>());
    }

    /** Claims those of these occurrences that are still due and unclaimed; returns the claimed ones. */
    public List<Lesson> claim(List<String> lessonIds, Instant now, Duration leadTime, Duration lease) {
        if (lessonIds.isEmpty()) {
            return List.of();
        }
        String token = UUID.randomUUID().toString();
        Lesson.<Lesson>mongoCollection().updateMany(
                byIds(lessonIds).append(STATE, LessonState.SCHEDULED.name()).append(ROOM_CODE, null)
                        .append(STARTS_AT, new Document("$lte", Date.from(now.plus(leadTime))))
                        .append(ENDS_AT, new Document("$gt", Date.from(now)))
                        .append(LEASE_UNTIL, new Document("$lt", Date.from(now))),
                Updates.combine(Updates.set(LEASE_UNTIL, Date.from(now.plus(lease))), Updates.set(CLAIM, token),
                        Updates.inc("issueAttempts", 1)));
        return Lesson.<Lesson>mongoCollection().find(byIds(lessonIds).append(CLAIM, token))
                .sort(Sorts.ascending(STARTS_AT)).into(new ArrayList<>());
    }

    /**
     * Stores the issued rooms and releases their claims, with one bulk write; returns the ids of the occurrences
     * stored. One cancelled meanwhile is left as it is and not among them.
     */
    public List<String> roomsIssued(List<IssuedRoom> rooms) {
        if (rooms.isEmpty()) {
            return List.of();
        }
        long stored = Lesson.<Lesson>mongoCollection().bulkWrite(rooms.stream().map(room -> new UpdateOneModel<Lesson>(
                new Document(ID, room.lessonId()).append(STATE, LessonState.SCHEDULED.name()),
                Updates.combine(Updates.set(ROOM_CODE, room.roomCode()), Updates.set("joinLink", room.joinLink()),
                        Updates.set(STATE, LessonState.ROOM_READY.name()), Updates.set(LEASE_UNTIL, new Date(0)),
                        Updates.set("roomIssueError", null), Updates.inc("revision", 1)))).toList(),
                new BulkWriteOptions().ordered(false)).getModifiedCount();
        List<String> ids = rooms.stream().map(IssuedRoom::lessonId).toList();
        if (stored == rooms.size()) {
            return ids;
        }
        Map<String, String> codes = rooms.stream().collect(Collectors.toMap(IssuedRoom::lessonId, IssuedRoom::roomCode));
        return Lesson.<Lesson>mongoCollection().find(byIds(ids)).into(new ArrayList<>()).stream()
                .filter(lesson -> lesson.roomCode != null && lesson.roomCode.equals(codes.get(lesson.id)))
                .map(lesson -> lesson.id).toList();
    }

    /** Records why issuing failed; each occurrence may be claimed again from its own retry time. */
    public void issueFailed(Map<String, Instant> retryAt, String error) {
        if (retryAt.isEmpty()) {
            return;
        }
        Lesson.<Lesson>mongoCollection().bulkWrite(retryAt.entrySet().stream().map(retry -> new UpdateOneModel<Lesson>(
                Filters.eq(ID, retry.getKey()), Updates.combine(Updates.set("roomIssueError", error),
                        Updates.set(LEASE_UNTIL, Date.from(retry.getValue()))))).toList(),
                new BulkWriteOptions().ordered(false));
    }

    private static Document byIds(List<String> lessonIds) {
        return new Document(ID, lessonIds.size() == 1 ? lessonIds.get(0) : new Document("$in", lessonIds));
    }

    /** Scheduled, without a room, starting within the lead time, not over, and not leased to anyone. */
    private static Bson due(Instant now, Duration leadTime) {
        return Filters.and(Filters.eq(STATE, LessonState.SCHEDULED.name()), Filters.eq(ROOM_CODE, null),
                Filters.lte(STARTS_AT, Date.from(now.plus(leadTime))), Filters.gt(ENDS_AT, Date.from(now)),
                Filters.lt(LEASE_UNTIL, Date.from(now)));
    }
}
