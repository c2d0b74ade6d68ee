package academy.muse.recordings.support;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.recordings.room.Room;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/** Opens and closes rooms the way rooms does: by publishing room.opened / room.closed through the broker. */
@ApplicationScoped
public class Rooms {

    private final EventPublisher publisher;

    Rooms(EventPublisher publisher) {
        this.publisher = publisher;
    }

    public static String newCode() {
        return "R" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Opens a room with a host (teacher) and one participant (student) and waits until recordings knows it. */
    public String open(String hostId, String studentId) {
        Instant now = Instant.now();
        return open(hostId, studentId, now.plusSeconds(60), now.plusSeconds(3600));
    }

    /** Opens a room for a lesson booked from {@code startsAt} to {@code endsAt}, as rooms announces it. */
    public String open(String hostId, String studentId, Instant startsAt, Instant endsAt) {
        String code = newCode();
        List<RoomEvents.Participant> participants = List.of(
                new RoomEvents.Participant(hostId, "host"), new RoomEvents.Participant(studentId, "participant"));
        publisher.publish(Events.ROOM_OPENED, code, new RoomEvents.RoomOpened(code, "occ-" + code, participants,
                startsAt.minusSeconds(600), startsAt, endsAt));
        await().atMost(Duration.ofSeconds(20)).until(() -> Room.byCode(code).isPresent());
        return code;
    }

    public void close(String code) {
        Room room = Room.byCode(code).orElseThrow();
        List<RoomEvents.Participant> participants = room.participants.stream()
                .map(member -> new RoomEvents.Participant(member.accountId, member.role)).toList();
        publisher.publish(Events.ROOM_CLOSED, code, new RoomEvents.RoomClosed(code, room.lessonOccurrenceId,
                participants, room.accountIds(), Instant.now(), "ended"));
    }
}
