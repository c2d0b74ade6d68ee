package academy.muse.scheduling.roomissuer;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.outbox.EventPublisher;
import academy.muse.scheduling.accounts.AccountZone;
import academy.muse.scheduling.accounts.StudentObserver;
import academy.muse.scheduling.client.Rooms;
import academy.muse.scheduling.client.RoomsClient;
import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.Lesson;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Issues each lesson's room shortly before it starts: claims due occurrences ({@link IssueClaims}), asks rooms
 * for the occurrence's room (an idempotent PUT keyed by the occurrence), announces {@code lesson.room-ready}
 * and stores the room. Replicas run this at the same time safely; the claim decides who issues what.
 */
@ApplicationScoped
public class RoomIssuer {

    private static final Logger LOG = Logger.getLogger(RoomIssuer.class);
    /** How many due occurrences a run reads at once; its workers then claim them one by one. */
    private static final int CANDIDATES_PER_READ = 256;

    private final IssueClaims claims;
    private final Rooms rooms;
    private final EventPublisher publisher;
    private final SchedulingConfig config;
    private final ManagedExecutor executor;

    RoomIssuer(IssueClaims claims, Rooms rooms, EventPublisher publisher, SchedulingConfig config,
               ManagedExecutor executor) {
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
     * One run as one replica does it: a few workers claim and issue due occurrences until none is left, the
     * batch is spent, or rooms is unreachable (then the rest wait for the next run). Returns how many rooms
     * were issued.
     */
    public int issueDue() {
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger budget = new AtomicInteger(config.issuer().batchSize());
        AtomicBoolean roomsDown = new AtomicBoolean();
        DueQueue due = new DueQueue();
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int i = 0; i < config.issuer().workers(); i++) {
            workers.add(executor.runAsync(() -> work(due, issued, budget, roomsDown)));
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        return issued.get();
    }

    /** One worker: take due candidates from the run's queue, claim and issue them one by one. */
    private void work(DueQueue due, AtomicInteger issued, AtomicInteger budget, AtomicBoolean roomsDown) {
        while (!roomsDown.get() && budget.get() > 0) {
            Optional<String> candidate = due.next();
            if (candidate.isEmpty()) {
                return;
            }
            Optional<Lesson> claimed = claims.claim(candidate.get(), Instant.now(), config.roomLeadTime(),
                    config.issuer().lease());
            if (claimed.isEmpty()) {
                continue;
            }
            budget.decrementAndGet();
            switch (issue(claimed.get())) {
                case ISSUED -> issued.incrementAndGet();
                case ROOMS_DOWN -> roomsDown.set(true);
                case REFUSED -> { }
            }
        }
    }

    /**
     * The due candidates of one run, read a few hundred at a time and shared by the run's workers. Another
     * replica reads the same ones; the claim decides, and each replica tries them in its own order so that
     * the two mostly claim different ones instead of racing for the same.
     */
    private final class DueQueue {

        private final Deque<String> queue = new ArrayDeque<>();
        private boolean exhausted;

        synchronized Optional<String> next() {
            if (queue.isEmpty() && !exhausted) {
                List<String> read = new ArrayList<>(
                        claims.dueCandidates(Instant.now(), config.roomLeadTime(), CANDIDATES_PER_READ));
                Collections.shuffle(read);
                queue.addAll(read);
                exhausted = read.isEmpty();
            }
            return Optional.ofNullable(queue.poll());
        }
    }

    private enum Outcome { ISSUED, REFUSED, ROOMS_DOWN }

    private Outcome issue(Lesson lesson) {
        RoomsClient.IssuedRoom room;
        try {
            room = rooms.open(lesson.id, request(lesson));
        } catch (RuntimeException e) {
            boolean refused = e instanceof WebApplicationException web && web.getResponse().getStatus() < 500;
            String error = describe(e);
            Duration backoff = config.issuer().retryBackoff().multipliedBy(lesson.issueAttempts);
            Duration wait = backoff.compareTo(config.issuer().lease()) > 0 ? config.issuer().lease() : backoff;
            claims.issueFailed(lesson.id, error, Instant.now().plus(wait));
            LOG.warnf("Room for lesson %s not issued (attempt %d): %s", lesson.id, lesson.issueAttempts, error);
            return refused ? Outcome.REFUSED : Outcome.ROOMS_DOWN;
        }
        // Announced before it is stored, with an id derived from the occurrence: a crash in between means the
        // next claim asks rooms again (same room) and stores the same event id, which is kept once.
        publisher.publish(Events.LESSON_ROOM_READY, "lesson.room-ready:" + lesson.id, lesson.id,
                new LessonEvents.LessonRoomReady(lesson.id, room.code(), room.joinLink(), lesson.startsAt, lesson.endsAt));
        if (!claims.roomIssued(lesson.id, room.code(), room.joinLink())) {
            LOG.infof("Lesson %s changed while its room %s was issued; left as it is", lesson.id, room.code());
            return Outcome.REFUSED;
        }
        LOG.debugf("Issued room %s for lesson %s", room.code(), lesson.id);
        return Outcome.ISSUED;
    }

    private static RoomsClient.RoomRequest request(Lesson lesson) {
        Map<String, AccountZone> known = AccountZone.known(
                Stream.concat(Stream.of(lesson.teacherId), lesson.studentIds.stream()).toList());
        List<RoomsClient.Participant> participants = new ArrayList<>();
        participants.add(participant(lesson.teacherId, "host", known));
        lesson.studentIds.forEach(student -> participants.add(participant(student, "participant", known)));
        StudentObserver.ofStudentsOf(lesson.teacherId, lesson.studentIds).stream().map(observer -> observer.observerId).distinct()
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
