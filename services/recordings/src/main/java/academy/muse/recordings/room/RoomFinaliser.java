package academy.muse.recordings.room;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RecordingEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.recordings.upload.Upload;
import academy.muse.recordings.upload.UploadKind;
import academy.muse.recordings.upload.UploadLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a room has closed and its grace period has passed: seals its tracks (an unfinished one as what arrived,
 * marked partial) and publishes one {@code recording.completed} for the lesson. The event id is derived from the
 * room, so running this twice (a redelivered event, two replicas) publishes one event.
 */
@ApplicationScoped
public class RoomFinaliser {

    private static final Logger LOG = Logger.getLogger(RoomFinaliser.class);

    private final UploadLifecycle uploads;
    private final EventPublisher publisher;
    private final RecordingsConfig config;

    RoomFinaliser(UploadLifecycle uploads, EventPublisher publisher, RecordingsConfig config) {
        this.uploads = uploads;
        this.publisher = publisher;
        this.config = config;
    }

    /** Finalises every closed room whose grace has passed; returns how many. */
    public int finaliseDueRooms(Instant now) {
        return finaliseDueRooms(now, config.roomCloseGrace());
    }

    /** As {@link #finaliseDueRooms(Instant)}, with the given grace period. */
    int finaliseDueRooms(Instant now, Duration grace) {
        int finalised = 0;
        // A native query: PanacheQL would compare with the string 'null' ("closedAt != null") and match no room.
        // {field: null} matches a missing field as well as a null one.
        for (Room room : Room.<Room>list("{'closedAt': {'$ne': null}, 'finalisedAt': null}")) {
            if (finaliseIfDue(room, now, grace)) {
                finalised++;
            }
        }
        return finalised;
    }

    boolean finaliseIfDue(Room room, Instant now) {
        return finaliseIfDue(room, now, config.roomCloseGrace());
    }

    private boolean finaliseIfDue(Room room, Instant now, Duration grace) {
        if (room.closedAt == null || room.finalisedAt != null || now.isBefore(room.closedAt.plus(grace))) {
            return false;
        }
        Optional<List<Upload>> published = uploads.publishRoomTracks(room.code, tracks -> publish(room, tracks));
        if (published.isEmpty()) {
            return false;
        }
        room.finalisedAt = now;
        room.update();
        return true;
    }

    private void publish(Room room, List<Upload> tracks) {
        if (tracks.isEmpty()) {
            LOG.infof("Room %s closed with no recorded tracks", room.code);
            return;
        }
        List<RecordingEvents.Track> published = tracks.stream()
                .sorted(Comparator.comparing((Upload track) -> track.startedAt).thenComparing(track -> track.id))
                .map(UploadLifecycle::track).toList();
        RecordingEvents.RecordingCompleted completed = new RecordingEvents.RecordingCompleted("room-" + room.code,
                UploadKind.LESSON_TRACK.label(), room.code, room.lessonOccurrenceId,
                room.hostId().orElse(tracks.get(0).ownerId), room.accountIds(), lessonTitle(room, tracks), published);
        publisher.publish(Events.RECORDING_COMPLETED, RecordingEvents.RecordingCompleted.eventIdOfRoom(room.code), room.code, completed);
        LOG.infof("Room %s: recording.completed with %d tracks (%d partial)", room.code, published.size(),
                published.stream().filter(RecordingEvents.Track::partial).count());
    }

    /**
     * The lesson's title as the teacher's room showed it (their track carries it), so the replay is named. Only the
     * host's track counts: any participant can put any title on their own track.
     */
    private static String lessonTitle(Room room, List<Upload> tracks) {
        return room.hostId().flatMap(host -> tracks.stream().filter(track -> host.equals(track.ownerId))
                .map(track -> track.title).filter(title -> title != null && !title.isBlank()).findFirst())
                .orElse(null);
    }
}
