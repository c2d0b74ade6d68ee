package academy.muse.recordings.retention;

import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.upload.Upload;
import academy.muse.recordings.upload.UploadKind;
import academy.muse.recordings.upload.UploadLifecycle;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.conversions.Bson;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * Removes original uploads from media storage once they are no longer needed: a lesson's tracks after vod verified
 * its replay (unless the teacher keeps originals), a teacher's originals after their account was deleted. Both only
 * schedule the removal ({@code removeAfter}, the grace period ahead); a job removes what is due. Each upload is
 * claimed with the same lease a PATCH takes, so two replicas never remove (and give back) one upload twice, and a
 * removal that was recorded is never repeated. The upload's record stays, with {@code removedAt}, as its trace.
 */
@ApplicationScoped
public class OriginalsRetention {

    private static final Logger LOG = Logger.getLogger(OriginalsRetention.class);
    private static final String LESSON_RECORDING = "room-";

    private final UploadLifecycle lifecycle;
    private final RecordingsConfig config;
    private final Clock clock;

    OriginalsRetention(UploadLifecycle lifecycle, RecordingsConfig config, Clock clock) {
        this.lifecycle = lifecycle;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Schedules the tracks of a lesson's recording ({@code room-<code>}, as {@code recording.completed} named it) for
     * removal after the grace period; returns how many were scheduled. A track already scheduled keeps its time.
     */
    public long scheduleRecording(String recordingId, String reason, Instant now) {
        if (recordingId == null || !recordingId.startsWith(LESSON_RECORDING)) {
            LOG.warnf("Recording %s is not a lesson's; no originals scheduled for removal", recordingId);
            return 0;
        }
        String roomCode = recordingId.substring(LESSON_RECORDING.length());
        return schedule(and(eq("kind", UploadKind.LESSON_TRACK.name()), eq("roomCode", roomCode)),
                "recording " + recordingId, reason, now);
    }

    /** Schedules every original counted against the owner (their lessons' tracks and their materials). */
    public long scheduleOwner(String ownerId, String reason, Instant now) {
        return schedule(or(eq("quotaOwnerId", ownerId), and(eq("quotaOwnerId", null), eq("ownerId", ownerId))),
                "owner " + ownerId, reason, now);
    }

    private long schedule(Bson which, String what, String reason, Instant now) {
        Instant due = now.plus(config.retention().originalsGrace());
        long scheduled = uploads().updateMany(and(which, eq("removeAfter", null), eq("removedAt", null)),
                Updates.combine(Updates.set("removeAfter", Date.from(due)), Updates.set("removalReason", reason)))
                .getModifiedCount();
        LOG.infof("Originals of %s: %d scheduled for removal at %s (%s)", what, scheduled, due, reason);
        return scheduled;
    }

    @Scheduled(every = "${muse.recordings.retention.every:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "recordings-originals-retention")
    void run() {
        removeDue(clock.instant());
    }

    /**
     * Removes every original whose removal is due at {@code now} and whose upload is finished (published: nothing
     * writes it any more); returns how many this call removed.
     */
    public int removeDue(Instant now) {
        int removed = 0;
        List<Upload> due = uploads().find(and(eq("state", Upload.State.PUBLISHED.name()),
                lte("removeAfter", Date.from(now)), eq("removedAt", null))).into(new ArrayList<>());
        for (Upload upload : due) {
            if (lifecycle.removeOriginal(upload, now)) {
                removed++;
            }
        }
        return removed;
    }

    private static MongoCollection<Upload> uploads() {
        return Upload.<Upload>mongoCollection();
    }
}
