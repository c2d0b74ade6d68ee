package academy.muse.scheduling.roomissuer;

import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonState;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The claim protocol on lesson occurrences. An issuer first reads which occurrences are due (one query for
 * many, earliest first), then claims each with an atomic findOneAndUpdate by id that re-checks it is still
 * due and unclaimed and sets a lease: of two issuers reading the same candidates, exactly one gets each.
 * A finished issue stores the room and releases the lease; a crashed issuer's lease simply expires.
 * (Reading candidates once instead of a sorted findOneAndUpdate per claim keeps a burst of thousands of due
 * lessons from scanning the whole collection once per lesson.)
 */
@ApplicationScoped
public class IssueClaims {

    // Claims and stores are plain documents with a top-level _id, not $and filters: a store picks the _id
    // index for those, where an $and can send even an id lookup through a collection scan.
    private static final String STATE = "state";
    private static final String ROOM_CODE = "roomCode";
    private static final String STARTS_AT = "startsAt";
    private static final String ENDS_AT = "endsAt";
    private static final String LEASE_UNTIL = "issueLeaseUntil";

    /** The ids of up to {@code limit} occurrences that start within {@code leadTime} and nobody is issuing. */
    public List<String> dueCandidates(Instant now, Duration leadTime, int limit) {
        return Lesson.<Lesson>mongoCollection().find(due(now, leadTime), Document.class)
                .projection(Projections.include("_id")).sort(Sorts.ascending("startsAt")).limit(limit)
                .map(document -> document.getString("_id")).into(new ArrayList<>());
    }

    /** Claims this occurrence if it is still due and unclaimed; empty when another issuer was first. */
    public Optional<Lesson> claim(String lessonId, Instant now, Duration leadTime, Duration lease) {
        Lesson claimed = Lesson.<Lesson>mongoCollection().findOneAndUpdate(
                new Document("_id", lessonId).append(STATE, LessonState.SCHEDULED.name()).append(ROOM_CODE, null)
                        .append(STARTS_AT, new Document("$lte", Date.from(now.plus(leadTime))))
                        .append(ENDS_AT, new Document("$gt", Date.from(now)))
                        .append(LEASE_UNTIL, new Document("$lt", Date.from(now))),
                Updates.combine(Updates.set("issueLeaseUntil", Date.from(now.plus(lease))),
                        Updates.inc("issueAttempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed);
    }

    /** Stores the issued room and releases the claim; false when the lesson was cancelled meanwhile. */
    public boolean roomIssued(String lessonId, String roomCode, String joinLink) {
        return Lesson.<Lesson>mongoCollection().updateOne(
                new Document("_id", lessonId).append(STATE, LessonState.SCHEDULED.name()),
                Updates.combine(Updates.set("roomCode", roomCode), Updates.set("joinLink", joinLink),
                        Updates.set("state", LessonState.ROOM_READY.name()),
                        Updates.set("issueLeaseUntil", new Date(0)), Updates.set("roomIssueError", null),
                        Updates.inc("revision", 1))).getModifiedCount() == 1;
    }

    /** Records why issuing failed; the occurrence may be claimed again from {@code retryAt}. */
    public void issueFailed(String lessonId, String error, Instant retryAt) {
        Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", lessonId),
                Updates.combine(Updates.set("roomIssueError", error), Updates.set("issueLeaseUntil", Date.from(retryAt))));
    }

    /** Scheduled, without a room, starting within the lead time, not over, and not leased to anyone. */
    private static Bson due(Instant now, Duration leadTime) {
        return Filters.and(Filters.eq(STATE, LessonState.SCHEDULED.name()), Filters.eq(ROOM_CODE, null),
                Filters.lte(STARTS_AT, Date.from(now.plus(leadTime))), Filters.gt(ENDS_AT, Date.from(now)),
                Filters.lt(LEASE_UNTIL, Date.from(now)));
    }
}
