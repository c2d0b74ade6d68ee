package academy.muse.scheduling.roomissuer;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.scheduling.accounts.AccountZone;
import academy.muse.scheduling.accounts.StudentObserver;
import academy.muse.scheduling.client.Rooms;
import academy.muse.scheduling.client.RoomsClient;
import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.Lesson;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ClientErrorException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Issues each lesson's room shortly before it starts, in batches: claims a batch of due occurrences
 * ({@link IssueClaims}), asks rooms for their rooms in one call (idempotent, keyed by the occurrence), announces
 * {@code lesson.room-ready} for the batch with one outbox write and stores the rooms with one bulk write. Replicas run
 * this at the same time safely; the claim decides who issues what.
 */
@ApplicationScoped
public class RoomIssuer {

    private static final Logger LOG = Logger.getLogger(RoomIssuer.class);

    private final IssueClaims claims;
    private final Rooms rooms;
    private final EventPublisher publisher;
    private final SchedulingConfig config;
    private final ManagedExecutor executor;
    private final Clock clock;

    RoomIssuer(IssueClaims claims, Rooms rooms, EventPublisher publisher, SchedulingConfig config,
               ManagedExecutor executor, Clock clock) {
        this.clock = clock;
        this.claims = claims;
        this.rooms = rooms;
        this.publisher = publisher;
        this.config = config;
        this.executor = executor;
    }

    @Scheduled(every = "${muse.scheduling.issuer.every:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void onSchedule() {
        int issued = issueDue();
        if (issued > 0) {
            LOG.infof("Issued %d room(s)", issued);
        }
    }

    /**
     * One run as one replica does it: reads the due occurrences, and a few workers claim and issue them batch by
     * batch until none is left, the run's budget is spent, or rooms is unreachable (then the rest wait for the next
     * run). Returns how many rooms were issued.
     */
    public int issueDue() {
        Run run = new Run();
        while (run.goesOn()) {
            // A run tries each occurrence once: one that failed waits for its retry time and a later run.
            List<String> due = claims.dueCandidates(clock.instant(), config.roomLeadTime(),
                    Math.min(run.budget.get(), config.issuer().candidatesPerRead())).stream()
                    .filter(id -> !run.attempted.contains(id)).toList();
            if (due.isEmpty()) {
                break;
            }
            Batches batches = new Batches(due, config.issuer().claimBatch());
            List<CompletableFuture<Void>> workers = new ArrayList<>();
            for (int i = 0; i < config.issuer().workers(); i++) {
                workers.add(executor.runAsync(() -> work(batches, run)));
            }
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
            run.attempted.addAll(due);
        }
        return run.issued.get();
    }

    /** What one run has done so far, shared by its workers. */
    private final class Run {
        final AtomicInteger issued = new AtomicInteger();
        final Set<String> attempted = new HashSet<>();
        final AtomicInteger budget = new AtomicInteger(config.issuer().batchSize());
        final AtomicBoolean roomsDown = new AtomicBoolean();

        boolean goesOn() {
            return !roomsDown.get() && budget.get() > 0;
        }
    }

    /**
     * The due candidates of one read, cut into claim batches. Another replica reads the same ones; the claim
     * decides, and each replica starts at its own random batch and goes round from there, so that the two mostly
     * claim different batches instead of racing for the same first ones.
     */
    private static final class Batches {

        private final List<List<String>> batches = new ArrayList<>();
        private final int start;
        private int taken;

        Batches(List<String> due, int size) {
            for (int from = 0; from < due.size(); from += size) {
                batches.add(due.subList(from, Math.min(from + size, due.size())));
            }
            start = ThreadLocalRandom.current().nextInt(batches.size());
        }

        synchronized Optional<List<String>> next() {
            if (taken == batches.size()) {
                return Optional.empty();
            }
            return Optional.of(batches.get((start + taken++) % batches.size()));
        }
    }

    /** One worker: claim the next batch of the read and issue what it won. */
    private void work(Batches batches, Run run) {
        Optional<List<String>> batch;
        while (run.goesOn() && (batch = batches.next()).isPresent()) {
            List<Lesson> claimed = claims.claim(batch.get(), clock.instant(), config.roomLeadTime(), config.issuer().lease());
            if (claimed.isEmpty()) {
                continue;
            }
            run.budget.addAndGet(-claimed.size());
            Outcome outcome = issue(claimed);
            run.issued.addAndGet(outcome.issued());
            if (outcome.roomsDown()) {
                run.roomsDown.set(true);
            }
        }
    }

    private record Outcome(int issued, boolean roomsDown) {
    }

    /**
     * Asks rooms for the batch's rooms in one call. When rooms refuses the batch (one lesson it will not take), each
     * lesson is asked for on its own, so that only that one waits; when rooms is down, the whole batch waits.
     */
    private Outcome issue(List<Lesson> batch) {
        Map<String, RoomsClient.RoomRequest> requests = requests(batch);
        List<RoomsClient.IssuedLessonRoom> issued;
        try {
            issued = rooms.openAll(batch.stream()
                    .map(lesson -> new RoomsClient.LessonRoom(lesson.id, requests.get(lesson.id))).toList());
        } catch (ClientErrorException refused) {
            LOG.warnf("rooms refused a batch of %d room(s) (%s); asking for each on its own", batch.size(), describe(refused));
            return batch.stream().map(lesson -> issueAlone(lesson, requests.get(lesson.id)))
                    .reduce(new Outcome(0, false), (one, other) -> new Outcome(one.issued() + other.issued(),
                            one.roomsDown() || other.roomsDown()));
        } catch (RuntimeException down) {
            failed(batch, down);
            return new Outcome(0, true);
        }
        return new Outcome(announceAndStore(batch, issued), false);
    }

    private Outcome issueAlone(Lesson lesson, RoomsClient.RoomRequest request) {
        try {
            RoomsClient.IssuedRoom room = rooms.open(lesson.id, request);
            return new Outcome(announceAndStore(List.of(lesson), List.of(new RoomsClient.IssuedLessonRoom(lesson.id, room))), false);
        } catch (ClientErrorException refused) {
            failed(List.of(lesson), refused);
            return new Outcome(0, false);
        } catch (RuntimeException down) {
            failed(List.of(lesson), down);
            return new Outcome(0, true);
        }
    }

    /**
     * Announces the rooms before storing them, with ids derived from the occurrences: a crash in between means the
     * next claim asks rooms again (same rooms) and stores the same event ids, which are kept once. Returns how many
     * were stored.
     */
    private int announceAndStore(List<Lesson> batch, List<RoomsClient.IssuedLessonRoom> issued) {
        Map<String, Lesson> byId = batch.stream().collect(Collectors.toMap(lesson -> lesson.id, Function.identity()));
        List<RoomsClient.IssuedLessonRoom> ours = issued.stream().filter(room -> byId.containsKey(room.occurrenceId())).toList();
        publisher.publishAll(Events.LESSON_ROOM_READY, ours.stream().map(room -> {
            Lesson lesson = byId.get(room.occurrenceId());
            return new EventPublisher.Publication<>(LessonEvents.LessonRoomReady.eventId(lesson.id), lesson.id, new LessonEvents.LessonRoomReady(
                    lesson.id, room.room().code(), room.room().joinLink(), lesson.startsAt, lesson.endsAt));
        }).toList());
        List<String> stored = claims.roomsIssued(ours.stream().map(room ->
                new IssueClaims.IssuedRoom(room.occurrenceId(), room.room().code(), room.room().joinLink())).toList());
        if (stored.size() < ours.size()) {
            LOG.infof("%d lesson(s) changed while their rooms were issued; left as they are", ours.size() - stored.size());
        }
        LOG.debugf("Issued %d room(s)", stored.size());
        return stored.size();
    }

    /** Records the failure; each lesson waits the retry backoff times its attempts (at most a lease) before the next. */
    private void failed(List<Lesson> lessons, RuntimeException e) {
        String error = describe(e);
        Instant now = clock.instant();
        Map<String, Instant> retryAt = new LinkedHashMap<>();
        for (Lesson lesson : lessons) {
            Duration backoff = config.issuer().retryBackoff().multipliedBy(lesson.issueAttempts);
            retryAt.put(lesson.id, now.plus(backoff.compareTo(config.issuer().lease()) > 0 ? config.issuer().lease() : backoff));
            LOG.warnf("Room for lesson %s not issued (attempt %d): %s", lesson.id, lesson.issueAttempts, error);
        }
        claims.issueFailed(retryAt, error);
    }

    /** Each lesson's room request: its teacher as host, its students, and the observers of those students. */
    static Map<String, RoomsClient.RoomRequest> requests(List<Lesson> batch) {
        Map<String, AccountZone> known = AccountZone.known(batch.stream()
                .flatMap(lesson -> Stream.concat(Stream.of(lesson.teacherId), lesson.studentIds.stream())).distinct().toList());
        Map<String, List<StudentObserver>> observersByStudent = StudentObserver.ofStudents(
                batch.stream().flatMap(lesson -> lesson.studentIds.stream()).distinct().toList()).stream()
                .collect(Collectors.groupingBy(observer -> observer.studentId));
        Map<String, RoomsClient.RoomRequest> requests = new HashMap<>();
        for (Lesson lesson : batch) {
            requests.put(lesson.id, request(lesson, known, observersByStudent));
        }
        return requests;
    }

    private static RoomsClient.RoomRequest request(Lesson lesson, Map<String, AccountZone> known,
                                                   Map<String, List<StudentObserver>> observersByStudent) {
        List<RoomsClient.Participant> participants = new ArrayList<>();
        participants.add(participant(lesson.teacherId, "host", known));
        lesson.studentIds.forEach(student -> participants.add(participant(student, "participant", known)));
        lesson.studentIds.stream().map(student -> observersByStudent.getOrDefault(student, List.of()))
                .flatMap(Collection::stream)
                .filter(observer -> lesson.teacherId.equals(observer.teacherId)).map(observer -> observer.observerId).distinct()
                .filter(observer -> participants.stream().noneMatch(listed -> listed.accountId().equals(observer)))
                .forEach(observer -> participants.add(participant(observer, "observer", known)));
        return new RoomsClient.RoomRequest(lesson.title, lesson.startsAt, lesson.endsAt, participants);
    }

    private static RoomsClient.Participant participant(String accountId, String role, Map<String, AccountZone> known) {
        AccountZone account = known.get(accountId);
        return new RoomsClient.Participant(accountId, role, account == null ? null : account.displayName);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 300 ? message.substring(0, 300) : message;
    }
}
