package academy.muse.recordings.upload;

import academy.muse.recordings.room.RoomFinaliser;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Deletes expired uploads and finalises rooms whose grace after closing has passed. */
@ApplicationScoped
public class Housekeeping {

    private final UploadService uploads;
    private final RoomFinaliser rooms;

    Housekeeping(UploadService uploads, RoomFinaliser rooms) {
        this.uploads = uploads;
        this.rooms = rooms;
    }

    @Scheduled(every = "${muse.recordings.housekeeping-every:30s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            identity = "recordings-housekeeping")
    void run() {
        runOnce(Instant.now());
    }

    public void runOnce(Instant now) {
        uploads.expire(now);
        rooms.finaliseDueRooms(now);
    }
}
