package academy.muse.rooms.room;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.RoomEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.platform.security.Roles;
import academy.muse.rooms.accounts.ObserverInvitation;
import academy.muse.rooms.config.RoomsConfig;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Issues rooms for lessons and instant rooms, and answers who may join which room. */
@ApplicationScoped
public class Rooms {

    private static final Logger LOG = Logger.getLogger(Rooms.class);
    private static final int CODE_ATTEMPTS = 5;
    private static final int EXTEND_ATTEMPTS = 5;

    private final RoomCodes codes;
    private final RoomsConfig config;
    private final EventPublisher publisher;
    private final String publicUrl;

    Rooms(RoomCodes codes, RoomsConfig config, EventPublisher publisher,
          @ConfigProperty(name = "muse.public-url", defaultValue = "http://localhost:8080") String publicUrl) {
        this.codes = codes;
        this.config = config;
        this.publisher = publisher;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    void createIndexes(@Observes StartupEvent startup) {
        Room.mongoCollection().createIndex(Indexes.ascending("issueKey"), new IndexOptions().unique(true));
    }

    public record Issued(Room room, boolean created) {
    }

    /**
     * The room of one lesson occurrence: created on the first call, the same room on every later one. A later
     * call with other times or participants (a rescheduled lesson) updates the room unless it has closed.
     */
    public Issued issueForLesson(String occurrenceId, LessonRoomRequest request, Instant now) {
        return issue(asked(occurrenceId, request), findByIssueKey(issueKey(occurrenceId)), now);
    }

    /**
     * The rooms of a batch of lesson occurrences, each as {@link #issueForLesson} gives it, in the order asked. Every
     * lesson is checked before anything is stored; the batch's existing rooms are found with one read, its new rooms
     * stored with one write and announced with one outbox write.
     */
    public List<Issued> issueForLessons(List<LessonRoom> batch, Instant now) {
        Set<String> occurrences = new HashSet<>();
        List<Asked> asked = new ArrayList<>();
        for (LessonRoom lesson : batch) {
            if (!occurrences.add(lesson.occurrenceId())) {
                throw ProblemException.unprocessable("duplicate-occurrence",
                        "Lesson occurrence " + lesson.occurrenceId() + " is listed twice");
            }
            asked.add(asked(lesson.occurrenceId(), lesson.room()));
        }
        Map<String, Room> existing = Room.<Room>mongoCollection()
                .find(Filters.in("issueKey", asked.stream().map(Asked::issueKey).toList())).into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(room -> room.issueKey, Function.identity()));
        List<Room> fresh = asked.stream().filter(lesson -> !existing.containsKey(lesson.issueKey()))
                .map(lesson -> lessonRoom(lesson, now)).toList();
        Set<String> stored = insertAll(fresh);
        Map<String, Room> createdByKey = fresh.stream().filter(room -> stored.contains(room.code))
                .collect(Collectors.toMap(room -> room.issueKey, Function.identity()));
        List<Room> announce = new ArrayList<>();
        List<Issued> issued = new ArrayList<>();
        for (Asked lesson : asked) {
            Optional<Room> created = Optional.ofNullable(createdByKey.get(lesson.issueKey()));
            if (created.isPresent()) {
                LOG.infof("Issued room %s for lesson occurrence %s", created.get().code, lesson.occurrenceId());
                announce.add(created.get());
                issued.add(new Issued(created.get(), true));
            } else {
                // Existing, or taken meanwhile by another replica or a code collision: the single path settles it.
                issued.add(issue(lesson, Optional.ofNullable(existing.get(lesson.issueKey())), now));
            }
        }
        publishOpenedOnce(announce);
        return issued;
    }

    /** One lesson of a request, checked: its key, times and participants. */
    private record Asked(String occurrenceId, String issueKey, String title, Instant startsAt, Instant endsAt,
                         List<RoomParticipant> participants) {
    }

    private static Asked asked(String occurrenceId, LessonRoomRequest request) {
        Instant startsAt = millis(request.startsAt());
        Instant endsAt = millis(request.endsAt());
        requireEndAfterStart(startsAt, endsAt);
        return new Asked(occurrenceId, issueKey(occurrenceId), request.title(), startsAt, endsAt,
                distinctParticipants(request.participants()));
    }

    private static String issueKey(String occurrenceId) {
        return "lesson:" + occurrenceId;
    }

    private Issued issue(Asked lesson, Optional<Room> existing, Instant now) {
        if (existing.isPresent()) {
            Room room = updateIfChanged(existing.get(), lesson.title(), lesson.startsAt(), lesson.endsAt(),
                    lesson.participants(), now);
            publishOpenedOnce(room);
            return new Issued(room, false);
        }
        Room room = lessonRoom(lesson, now);
        Optional<Room> inserted = insertWithFreshCode(room);
        if (inserted.isEmpty()) {
            // Another replica issued this lesson's room at the same moment: theirs is the room.
            Room theirs = findByIssueKey(lesson.issueKey()).orElseThrow();
            publishOpenedOnce(theirs);
            return new Issued(theirs, false);
        }
        LOG.infof("Issued room %s for lesson occurrence %s", room.code, lesson.occurrenceId());
        publishOpenedOnce(room);
        return new Issued(room, true);
    }

    private Room lessonRoom(Asked lesson, Instant now) {
        Room room = newRoom(Room.KIND_LESSON, lesson.title(), lesson.startsAt(), lesson.endsAt(), lesson.participants(), now);
        room.lessonOccurrenceId = lesson.occurrenceId();
        room.issueKey = lesson.issueKey();
        return room;
    }

    /** Inserts rooms with one write; returns the codes of those stored (a taken code or issue key leaves one out). */
    private static Set<String> insertAll(List<Room> rooms) {
        Set<String> stored = rooms.stream().map(room -> room.code).collect(Collectors.toCollection(HashSet::new));
        if (rooms.isEmpty()) {
            return stored;
        }
        try {
            Room.<Room>mongoCollection().insertMany(rooms, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                stored.remove(rooms.get(error.getIndex()).code);
            }
        }
        return stored;
    }

    /** A teacher's ad-hoc room, starting now; see {@link InstantRoomRequest} for who may join. */
    public Room createInstant(Caller teacher, InstantRoomRequest request, Instant now) {
        InstantRoomRequest asked = request == null ? new InstantRoomRequest(null, null, null) : request;
        Duration duration = asked.durationMinutes() == null
                ? config.instantDuration() : Duration.ofMinutes(asked.durationMinutes());
        if (duration.compareTo(config.instantMaxDuration()) > 0) {
            throw ProblemException.unprocessable("too-long",
                    "An instant room lasts at most " + config.instantMaxDuration().toMinutes() + " minutes");
        }
        List<String> students = invitedStudents(teacher, asked.studentIds());
        List<RoomParticipant> participants = new ArrayList<>();
        participants.add(new RoomParticipant(teacher.id(), RoomParticipant.HOST, teacher.displayName()));
        students.forEach(student -> participants.add(new RoomParticipant(student, RoomParticipant.PARTICIPANT, null)));

        Instant startsAt = millis(now);
        String title = asked.title() == null || asked.title().isBlank() ? "Lesson with " + nameOf(teacher) : asked.title();
        Room room = newRoom(Room.KIND_INSTANT, title, startsAt, startsAt.plus(duration), participants, now);
        room.observableStudents = students;
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            room.issueKey = "instant:" + room.code;
            if (insert(room)) {
                LOG.infof("Teacher %s created instant room %s for %d students", teacher.id(), room.code, students.size());
                publishOpenedOnce(room);
                return room;
            }
            room.code = codes.next();
        }
        throw new IllegalStateException("No free room code after " + CODE_ATTEMPTS + " attempts");
    }

    /**
     * The caller's place in the room with this code. Someone who is not a participant learns nothing: an
     * existing room and a code that does not exist both answer 404, with the same words.
     */
    public Membership membership(String typedCode, Caller caller) {
        ProblemException notFound = ProblemException.notFound("Room " + typedCode);
        Room room = RoomCodes.normalise(typedCode).flatMap(code -> Optional.ofNullable(Room.<Room>findById(code)))
                .orElseThrow(() -> notFound);
        Optional<RoomParticipant> listed = room.participant(caller.id());
        if (listed.isPresent()) {
            String name = listed.get().displayName != null ? listed.get().displayName : caller.displayName();
            return new Membership(room, listed.get().role, name);
        }
        // An observer watches a student only in the rooms of the teacher who invited them.
        List<String> watched = caller.observes().stream().filter(room.observableStudents::contains).toList();
        boolean observesAStudent = caller.is(Roles.OBSERVER) && !watched.isEmpty()
                && room.hostId().map(host -> ObserverInvitation.invited(caller.id(), watched, host)).orElse(false);
        if (observesAStudent) {
            return new Membership(room, RoomParticipant.OBSERVER, caller.displayName());
        }
        throw notFound;
    }

    /**
     * The teacher keeps the room open one {@code extensionStep} longer, up to {@code maxExtension} beyond the booked
     * end. Only the host may, only while the room is open. Written over the extension it read, so that two clicks at
     * once extend twice, never past the limit.
     */
    public Room extend(Membership membership, Instant now) {
        if (!RoomParticipant.HOST.equals(membership.role())) {
            throw ProblemException.forbidden("Only the lesson's teacher may extend the room");
        }
        Room room = membership.room();
        for (int attempt = 0; attempt < EXTEND_ATTEMPTS; attempt++) {
            String state = state(room, now);
            if (!JoinWindow.OPEN.equals(state)) {
                throw ProblemException.conflict("room-not-open", "Room " + room.code + " is " + state
                        + "; only an open room can be extended");
            }
            long extended = Duration.ofMinutes(room.extendedMinutes).plus(config.extensionStep()).toMinutes();
            if (extended > config.maxExtension().toMinutes()) {
                throw ProblemException.unprocessable("extension-limit", "Room " + room.code + " is already extended by "
                        + room.extendedMinutes + " minutes; a room stays open at most " + config.maxExtension().toMinutes()
                        + " minutes beyond the lesson's booked end (plus " + config.grace().toMinutes() + " minutes' grace)");
            }
            int read = room.extendedMinutes;
            room.extendedMinutes = (int) extended;
            applyTimes(room, room.startsAt, room.endsAt);
            long written = Room.mongoCollection().updateOne(Filters.and(Filters.eq("_id", room.code),
                    Filters.eq("closedAt", null), Filters.eq("extendedMinutes", read)),
                    Updates.combine(Updates.set("extendedMinutes", room.extendedMinutes),
                            Updates.set("closesAt", room.closesAt))).getMatchedCount();
            if (written == 1) {
                LOG.infof("Extended room %s by %d minutes beyond its end; it now closes at %s", room.code,
                        room.extendedMinutes, room.closesAt);
                return room;
            }
            room = Room.<Room>findByIdOptional(room.code).orElseThrow(() -> ProblemException.notFound("Room " + membership.room().code));
        }
        throw ProblemException.conflict("room-changed", "Room " + room.code + " kept changing; try again");
    }

    /**
     * The latest moment the room can close: its booked end plus grace plus the most it may be extended. What rooms
     * hands out for the call (TURN credentials) lasts until then, so that an extension needs no new credentials.
     */
    public Instant latestClose(Room room) {
        return room.endsAt.plus(config.grace()).plus(config.maxExtension());
    }

    public String state(Room room, Instant now) {
        return room.window().state(now, room.presence(), config.emptyCloseAfter());
    }

    public String joinLink(Room room) {
        return publicUrl + "/r/" + room.code;
    }

    public IssuedRoom issued(Room room, Instant now) {
        return new IssuedRoom(room.code, joinLink(room), room.opensAt, room.closesAt, state(room, now));
    }

    public RoomView view(Membership membership, Instant now) {
        Room room = membership.room();
        List<RoomView.Participant> participants = room.participants.stream()
                .map(participant -> new RoomView.Participant(participant.accountId, participant.role, participant.displayName))
                .toList();
        return new RoomView(room.code, joinLink(room), room.kind, room.lessonOccurrenceId, room.title,
                room.opensAt, room.startsAt, room.endsAt, room.closesAt, state(room, now), membership.role(),
                participants, now, new RoomView.Extension(room.extendedMinutes, config.extensionStep().toMinutes(),
                config.maxExtension().toMinutes()));
    }

    private Room newRoom(String kind, String title, Instant startsAt, Instant endsAt,
                         List<RoomParticipant> participants, Instant now) {
        Room room = new Room();
        room.code = codes.next();
        room.kind = kind;
        room.title = title;
        applyTimes(room, startsAt, endsAt);
        room.participants = participants;
        room.createdAt = millis(now);
        return room;
    }

    private void applyTimes(Room room, Instant startsAt, Instant endsAt) {
        // A moved lesson keeps the extension its room was given: the overrun is still under way.
        JoinWindow window = JoinWindow.of(startsAt, endsAt, config.leadTime(),
                config.grace().plus(Duration.ofMinutes(room.extendedMinutes)));
        room.startsAt = startsAt;
        room.endsAt = endsAt;
        room.opensAt = window.opensAt();
        room.closesAt = window.closesAt();
    }

    private Room updateIfChanged(Room room, String title, Instant startsAt, Instant endsAt,
                                 List<RoomParticipant> participants, Instant now) {
        boolean same = Objects.equals(room.title, title) && room.startsAt.equals(startsAt) && room.endsAt.equals(endsAt)
                && sameParticipants(room.participants, participants);
        if (same || JoinWindow.CLOSED.equals(state(room, now))) {
            return room;
        }
        room.title = title;
        applyTimes(room, startsAt, endsAt);
        room.participants = participants;
        Room.mongoCollection().updateOne(Filters.and(Filters.eq("_id", room.code), Filters.eq("closedAt", null)),
                Updates.combine(Updates.set("title", title), Updates.set("startsAt", startsAt),
                        Updates.set("endsAt", endsAt), Updates.set("opensAt", room.opensAt),
                        Updates.set("closesAt", room.closesAt), Updates.set("participants", participants)));
        LOG.infof("Updated room %s for lesson occurrence %s", room.code, room.lessonOccurrenceId);
        return room;
    }

    private static boolean sameParticipants(List<RoomParticipant> stored, List<RoomParticipant> asked) {
        return stored.size() == asked.size() && stored.stream().allMatch(one -> asked.stream().anyMatch(other ->
                one.accountId.equals(other.accountId) && one.role.equals(other.role)
                        && Objects.equals(one.displayName, other.displayName)));
    }

    /** Inserts the room, choosing a new code while a code is taken; empty when its issue key is taken. */
    private Optional<Room> insertWithFreshCode(Room room) {
        for (int attempt = 0; attempt < CODE_ATTEMPTS; attempt++) {
            if (insert(room)) {
                return Optional.of(room);
            }
            if (findByIssueKey(room.issueKey).isPresent()) {
                return Optional.empty();
            }
            room.code = codes.next();
        }
        throw new IllegalStateException("No free room code after " + CODE_ATTEMPTS + " attempts");
    }

    private static boolean insert(Room room) {
        try {
            room.persist();
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    private static Optional<Room> findByIssueKey(String issueKey) {
        return Room.find("issueKey", issueKey).firstResultOptional();
    }

    /** room.opened goes out once per room; its id is derived from the room, so a retry stores it once. */
    private void publishOpenedOnce(Room room) {
        publishOpenedOnce(List.of(room));
    }

    private void publishOpenedOnce(List<Room> rooms) {
        List<Room> unannounced = rooms.stream().filter(room -> !room.openedEventStored).toList();
        if (unannounced.isEmpty()) {
            return;
        }
        publisher.publishAll(Events.ROOM_OPENED, unannounced.stream().map(room -> new EventPublisher.Publication<>(
                RoomEvents.RoomOpened.eventId(room.code), room.code, new RoomEvents.RoomOpened(room.code, room.lessonOccurrenceId,
                room.eventParticipants(), room.opensAt, room.startsAt, room.endsAt))).toList());
        List<String> codes = unannounced.stream().map(room -> room.code).toList();
        Room.mongoCollection().updateMany(Filters.in("_id", codes), Updates.set("openedEventStored", true));
        unannounced.forEach(room -> room.openedEventStored = true);
    }

    private static List<String> invitedStudents(Caller teacher, List<String> asked) {
        if (asked == null || asked.isEmpty()) {
            return List.copyOf(new LinkedHashSet<>(teacher.students()));
        }
        Set<String> notTheirs = new HashSet<>(asked);
        teacher.students().forEach(notTheirs::remove);
        if (!notTheirs.isEmpty()) {
            throw ProblemException.unprocessable("not-your-student",
                    "Only your own students can be invited; not yours: " + String.join(", ", notTheirs.stream().sorted().toList()));
        }
        return List.copyOf(new LinkedHashSet<>(asked));
    }

    private static List<RoomParticipant> distinctParticipants(List<LessonRoomRequest.Participant> asked) {
        Set<String> seen = new HashSet<>();
        List<RoomParticipant> participants = new ArrayList<>();
        for (LessonRoomRequest.Participant participant : asked) {
            if (!seen.add(participant.accountId())) {
                throw ProblemException.unprocessable("duplicate-participant",
                        "Participant " + participant.accountId() + " is listed twice");
            }
            participants.add(new RoomParticipant(participant.accountId(), participant.role(), participant.displayName()));
        }
        return participants;
    }

    private static void requireEndAfterStart(Instant startsAt, Instant endsAt) {
        if (!endsAt.isAfter(startsAt)) {
            throw ProblemException.unprocessable("invalid-times", "endsAt must be after startsAt");
        }
    }

    private static String nameOf(Caller caller) {
        return caller.displayName() == null ? caller.id() : caller.displayName();
    }

    /** The store keeps milliseconds; rounding first makes a repeated call compare equal to what is stored. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
