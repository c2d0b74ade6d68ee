package academy.muse.vod.job;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code jobs} collection: one packaging job per recording (its id is the recording id, so a redelivered event
 * finds the job it already made). A worker claims a due job atomically with a lease; replicas never run one job at
 * once, and a job whose worker died becomes claimable again when its lease runs out.
 */
@ApplicationScoped
public class PackagingJobs {

    enum Status { PENDING, RUNNING, DONE, FAILED }

    private final MongoCollection<Document> collection;
    private final ObjectMapper json;

    PackagingJobs(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, ObjectMapper json) {
        this.collection = mongo.getDatabase(database).getCollection("jobs");
        this.json = json;
    }

    /** Creates the recording's job unless it exists; returns whether it was created. */
    public boolean enqueue(RecordingCompleted recording) {
        Date now = new Date();
        return collection.updateOne(Filters.eq("_id", recording.recordingId()), Updates.combine(
                Updates.setOnInsert("recording", write(recording)),
                Updates.setOnInsert("status", Status.PENDING.name()),
                Updates.setOnInsert("attempts", 0),
                Updates.setOnInsert("nextAttemptAt", now),
                Updates.setOnInsert("leaseUntil", new Date(0)),
                Updates.setOnInsert("createdAt", now)), new UpdateOptions().upsert(true)).getUpsertedId() != null;
    }

    /** Claims the most overdue job that is due and not leased by a live worker. */
    public Optional<PackagingJob> claimNext(Instant now, Duration lease) {
        String runId = UUID.randomUUID().toString();
        Document claimed = collection.findOneAndUpdate(
                Filters.and(Filters.in("status", Status.PENDING.name(), Status.RUNNING.name()),
                        Filters.lte("nextAttemptAt", Date.from(now)),
                        Filters.lte("leaseUntil", Date.from(now))),
                Updates.combine(Updates.set("status", Status.RUNNING.name()), Updates.set("runId", runId),
                        Updates.set("leaseUntil", Date.from(now.plus(lease))), Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(document -> new PackagingJob(document.getString("_id"),
                read(document.getString("recording")), document.getInteger("attempts"), runId));
    }

    /** Extends this run's lease; false when the lease was lost (another worker took the job over). */
    public boolean renewLease(PackagingJob job, Instant now, Duration lease) {
        return collection.updateOne(ownedBy(job), Updates.set("leaseUntil", Date.from(now.plus(lease))))
                .getMatchedCount() == 1;
    }

    public void markDone(PackagingJob job) {
        collection.updateOne(ownedBy(job), Updates.combine(Updates.set("status", Status.DONE.name()),
                Updates.set("finishedAt", new Date()), Updates.unset("lastError")));
    }

    /** Gives the job back to be tried again after {@code backoff}. */
    public void retryLater(PackagingJob job, String error, Instant now, Duration backoff) {
        collection.updateOne(ownedBy(job), Updates.combine(Updates.set("status", Status.PENDING.name()),
                Updates.set("nextAttemptAt", Date.from(now.plus(backoff))), Updates.set("leaseUntil", new Date(0)),
                Updates.set("lastError", error)));
    }

    public void markFailed(PackagingJob job, String error) {
        collection.updateOne(ownedBy(job), Updates.combine(Updates.set("status", Status.FAILED.name()),
                Updates.set("finishedAt", new Date()), Updates.set("lastError", error)));
    }

    public long countForRecording(String recordingId) {
        return collection.countDocuments(Filters.eq("_id", recordingId));
    }

    /** The job's state ({@code PENDING}, {@code RUNNING}, {@code DONE}, {@code FAILED}), if the job exists. */
    public Optional<String> status(String recordingId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", recordingId)).first())
                .map(document -> document.getString("status"));
    }

    private static org.bson.conversions.Bson ownedBy(PackagingJob job) {
        return Filters.and(Filters.eq("_id", job.recordingId()), Filters.eq("runId", job.runId()));
    }

    private String write(RecordingCompleted recording) {
        try {
            return json.writeValueAsString(recording);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("recording " + recording.recordingId() + " cannot be stored", e);
        }
    }

    private RecordingCompleted read(String recording) {
        try {
            return json.readValue(recording, RecordingCompleted.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored job holds an unreadable recording", e);
        }
    }
}
