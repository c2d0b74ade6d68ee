package academy.muse.scheduling.roomissuer;

import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonQueries;
import academy.muse.scheduling.lesson.LessonState;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * The claim protocol on lesson occurrences. An issuer claims one due occurrence at a time with an atomic
 * findOneAndUpdate that sets a lease; no other issuer can claim it while the lease runs. A finished issue
 * stores the room and releases the lease; a crashed issuer's lease simply expires and another takes over.
 */
@ApplicationScoped
public class IssueClaims {

    /** Claims the earliest occurrence that starts within {@code leadTime}, has no room and is not claimed. */
    public Optional<Lesson> claimNext(Instant now, Duration leadTime, Duration lease) {
        Lesson claimed = Lesson.<Lesson>mongoCollection().findOneAndUpdate(
                Filters.and(LessonQueries.inStates(LessonState.SCHEDULED), Filters.eq("roomCode", null),
                        Filters.lte("startsAt", Date.from(now.plus(leadTime))), Filters.gt("endsAt", Date.from(now)),
                        Filters.lt("issueLeaseUntil", Date.from(now))),
                Updates.combine(Updates.set("issueLeaseUntil", Date.from(now.plus(lease))),
                        Updates.inc("issueAttempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("startsAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed);
    }

    /** Stores the issued room and releases the claim; false when the lesson was cancelled meanwhile. */
    public boolean roomIssued(String lessonId, String roomCode, String joinLink) {
        return Lesson.<Lesson>mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", lessonId), LessonQueries.inStates(LessonState.SCHEDULED)),
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
}
