package academy.muse.recordings.housekeeping;

import academy.muse.recordings.room.RoomFinaliser;
import academy.muse.recordings.upload.UploadLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;

/** Deletes expired uploads and finalises rooms whose grace after closing has passed. */
@ApplicationScoped
public class Housekeeping {

    private final UploadLifecycle uploads;
    private final RoomFinaliser rooms;
    private final Clock clock;

    Housekeeping(UploadLifecycle uploads, RoomFinaliser rooms, Clock clock) {
        this.uploads = uploads;
        this.rooms = rooms;
        this.clock = clock;
    }

    @Scheduled(every = "${muse.recordings.housekeeping-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "recordings-housekeeping")
    void run() {
        runOnce(clock.instant());
    }

    public void runOnce(Instant now) {
        uploads.expire(now);
        rooms.finaliseDueRooms(now);
    }
}
