package academy.muse.scheduling.lesson;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.events.ParticipantEvents;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.contracts.events.VodEvents;
import academy.muse.platform.outbox.EventPublisher;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Moves lessons along as their rooms report: the first participant in makes a lesson in progress, the room
 * closing makes it completed (someone attended) or missed (nobody did), and a packaged recording becomes
 * its replay. Each step only moves forward, so a late or repeated event changes nothing.
 */
@ApplicationScoped
public class LessonProgress {

    private static final Logger LOG = Logger.getLogger(LessonProgress.class);

    private static final String MATERIAL = "material";

    private final EventPublisher publisher;
    private final Clock clock;

    LessonProgress(EventPublisher publisher, Clock clock) {
        this.clock = clock;
        this.publisher = publisher;
    }

    public void participantJoined(ParticipantEvents.ParticipantJoined joined) {
        long changed = Lesson.<Lesson>mongoCollection().updateOne(
                Filters.and(Filters.eq("roomCode", joined.roomCode()),
                        LessonQueries.inStates(LessonState.SCHEDULED, LessonState.ROOM_READY)),
                Updates.combine(Updates.set("state", LessonState.IN_PROGRESS.name()),
                        Updates.set("startedAt", Date.from(joined.at() == null ? clock.instant() : joined.at())),
                        Updates.inc("revision", 1))).getModifiedCount();
        if (changed > 0) {
            LOG.infof("Lesson in room %s is in progress", joined.roomCode());
        }
    }

    public void roomClosed(RoomEvents.RoomClosed closed) {
        Lesson lesson = lessonOf(closed.lessonOccurrenceId(), closed.roomCode());
        if (lesson == null) {
            return;
        }
        List<String> attended = closed.attended() == null ? List.of() : closed.attended();
        LessonState outcome = attended.isEmpty() ? LessonState.MISSED : LessonState.COMPLETED;
        Instant endedAt = closed.closedAt() == null ? clock.instant() : closed.closedAt();
        long changed = Lesson.<Lesson>mongoCollection().updateOne(
                Filters.and(Filters.eq("_id", lesson.id),
                        LessonQueries.inStates(LessonState.SCHEDULED, LessonState.ROOM_READY, LessonState.IN_PROGRESS)),
                Updates.combine(Updates.set("state", outcome.name()), Updates.set("endedAt", Date.from(endedAt)),
                        Updates.set("attended", attended), Updates.inc("revision", 1))).getModifiedCount();
        if (changed == 0) {
            return;
        }
        LOG.infof("Lesson %s %s (room %s closed: %s)", lesson.id, outcome.wire(), closed.roomCode(), closed.reason());
        if (outcome == LessonState.COMPLETED) {
            publisher.publish(Events.LESSON_COMPLETED, LessonEvents.LessonCompleted.eventId(lesson.id), lesson.id,
                    new LessonEvents.LessonCompleted(lesson.id, closed.roomCode(), endedAt));
        }
    }

    public void replayReady(VodEvents.VodAssetReady asset) {
        Lesson lesson = lessonOf(asset.lessonOccurrenceId(), asset.roomCode());
        if (lesson == null) {
            return;
        }
        // A material names its lesson in free text: only the lesson's own teacher may attach anything to it.
        if (!lesson.teacherId.equals(asset.ownerId())) {
            LOG.warnf("Asset %s of %s names lesson %s of another teacher; not attached", asset.assetId(),
                    asset.ownerId(), lesson.id);
            return;
        }
        if (lesson.replays.stream().noneMatch(replay -> replay.assetId.equals(asset.assetId()))) {
            Document replay = new Document("assetId", asset.assetId()).append("kind", asset.kind())
                    .append("title", asset.title()).append("durationSeconds", asset.durationSeconds())
                    .append("readyAt", Date.from(clock.instant()));
            Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", lesson.id), Updates.push("replays", replay));
            LOG.infof("Lesson %s has its replay (asset %s)", lesson.id, asset.assetId());
        }
        // Published also when the replay was attached before (a redelivery after a crash in between): the event's id
        // is derived from lesson and asset, so it is stored once. Materials the teacher attached are no replay.
        if (!MATERIAL.equals(asset.kind())) {
            publisher.publish(Events.LESSON_REPLAY_READY, LessonEvents.LessonReplayReady.eventId(lesson.id, asset.assetId()),
                    lesson.id, new LessonEvents.LessonReplayReady(lesson.id, asset.assetId(), asset.kind(), asset.title()));
        }
    }

    private static Lesson lessonOf(String occurrenceId, String roomCode) {
        if (occurrenceId != null) {
            return Lesson.findById(occurrenceId);
        }
        return roomCode == null ? null : Lesson.find("roomCode", roomCode).firstResult();
    }
}
