package academy.muse.vod.job;

import academy.muse.contracts.events.RecordingEvents.RecordingCompleted;
import academy.muse.platform.lease.Lease;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
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

/**
 * The {@code jobs} collection: one packaging job per recording (its id is the recording id, so a redelivered event
 * finds the job it already made). A worker claims a due job atomically with a lease; replicas never run one job at
 * once, and a job whose worker died becomes claimable again when its lease runs out.
 */
@ApplicationScoped
public class PackagingJobs {

    enum Status { PENDING, RUNNING, DONE, FAILED }

    private final MongoCollection<Document> collection;
    private final Lease<Document> jobs;
    private final ObjectMapper json;

    PackagingJobs(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database, ObjectMapper json) {
        this.collection = mongo.getDatabase(database).getCollection("jobs");
        this.jobs = Lease.on(collection);
        this.json = json;
    }

    /** Creates the recording's job unless it exists; returns whether it was created. */
    public boolean enqueue(RecordingCompleted recording, Instant now) {
        return collection.updateOne(Filters.eq("_id", recording.recordingId()), Updates.combine(
                Updates.setOnInsert("recording", write(recording)),
                Updates.setOnInsert("status", Status.PENDING.name()),
                Updates.setOnInsert("attempts", 0),
                Updates.setOnInsert("nextAttemptAt", Date.from(now)),
                Updates.setOnInsert("createdAt", Date.from(now))), new UpdateOptions().upsert(true)).getUpsertedId() != null;
    }

    /** Claims the most overdue job that is due and not leased by a live worker; the lease's token is its run id. */
    public Optional<PackagingJob> claimNext(Instant now, Duration lease) {
        return jobs.claimFirst(Filters.and(Filters.in("status", Status.PENDING.name(), Status.RUNNING.name()),
                        Filters.lte("nextAttemptAt", Date.from(now))), Sorts.ascending("nextAttemptAt"),
                Updates.combine(Updates.set("status", Status.RUNNING.name()), Updates.inc("attempts", 1)),
                now, now.plus(lease))
                .map(held -> new PackagingJob(held.value().getString("_id"), read(held.value().getString("recording")),
                        held.value().getInteger("attempts"), held.token()));
    }

    /** Extends this run's lease; false when the lease was lost (another worker took the job over). */
    public boolean renewLease(PackagingJob job, Instant now, Duration lease) {
        return jobs.renew(job.recordingId(), job.runId(), now.plus(lease));
    }

    public void markDone(PackagingJob job, Instant now) {
        jobs.release(job.recordingId(), job.runId(), Updates.combine(Updates.set("status", Status.DONE.name()),
                Updates.set("finishedAt", Date.from(now)), Updates.unset("lastError")));
    }

    /** Gives the job back to be tried again after {@code backoff}. */
    public void retryLater(PackagingJob job, String error, Instant now, Duration backoff) {
        jobs.release(job.recordingId(), job.runId(), Updates.combine(Updates.set("status", Status.PENDING.name()),
                Updates.set("nextAttemptAt", Date.from(now.plus(backoff))), Updates.set("lastError", error)));
    }

    public void markFailed(PackagingJob job, String error, Instant now) {
        jobs.release(job.recordingId(), job.runId(), Updates.combine(Updates.set("status", Status.FAILED.name()),
                Updates.set("finishedAt", Date.from(now)), Updates.set("lastError", error)));
    }

    public long countForRecording(String recordingId) {
        return collection.countDocuments(Filters.eq("_id", recordingId));
    }

    /** The job's state ({@code PENDING}, {@code RUNNING}, {@code DONE}, {@code FAILED}), if the job exists. */
    public Optional<String> status(String recordingId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", recordingId)).first())
                .map(document -> document.getString("status"));
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
