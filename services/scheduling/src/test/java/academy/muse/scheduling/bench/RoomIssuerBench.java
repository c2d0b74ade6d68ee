package academy.muse.scheduling.bench;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.contracts.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.client.Rooms;
import academy.muse.scheduling.client.RoomsClient;
import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonService;
import academy.muse.scheduling.lesson.LessonState;
import academy.muse.scheduling.roomissuer.RoomIssuer;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 10,000 occurrences due in the same minute, issued by two issuer replicas against the stand-in for rooms,
 * beside a baseline that does the same work without the claim protocol. Writes
 * {@code bench/results/scheduling-<date>.md}. Run with {@code bench/scheduling/run.sh}; not part of
 * {@code make test} (tag {@code bench}).
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class RoomIssuerBench {

    private static final int OCCURRENCES = Integer.getInteger("bench.occurrences", 10_000);
    private static final int REPLICAS = 2;

    @Inject
    RoomIssuer issuer;
    @Inject
    Rooms rooms;
    @Inject
    EventPublisher publisher;
    @Inject
    SchedulingConfig config;

    record Run(String name, int occurrences, long insertMillis, long issueMillis, long issued, long duplicates,
               Duration marginBeforeFirstStart) {

        double perSecond() {
            return issued * 1000.0 / Math.max(1, issueMillis);
        }
    }

    @Test
    void tenThousandOccurrencesDueInTheSameMinuteAreAllIssuedBeforeTheyStart() throws Exception {
        StubRooms.instance().answering();
        Run claimed = measure("claim protocol (2 replicas)", "c", this::issueWithTwoReplicas);
        Run baseline = measure("baseline: one query, no claims", "b", this::issueWithoutClaims);

        for (Run run : List.of(claimed, baseline)) {
            assertThat(run.issued()).as(run.name()).isEqualTo(OCCURRENCES);
            assertThat(run.marginBeforeFirstStart()).as(run.name()).isPositive();
        }
        assertThat(claimed.duplicates()).isZero();
        write(List.of(claimed, baseline));
    }

    private interface Issuing {
        void issue(List<Lesson> lessons) throws Exception;
    }

    private Run measure(String name, String prefix, Issuing issuing) throws Exception {
        // Every occurrence starts within one minute, as close to the lead time as the clock allows.
        Instant minute = Instant.now().plus(config.roomLeadTime()).minus(Duration.ofSeconds(70))
                .truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        List<Lesson> lessons = IntStream.range(0, OCCURRENCES).mapToObj(i -> {
            Instant startsAt = minute.plusSeconds(i % 60);
            Lesson lesson = LessonService.newLesson("bench-teacher-" + i, List.of("bench-student-" + i), "Bench",
                    ZoneOffset.UTC, startsAt, startsAt.plus(Duration.ofMinutes(45)));
            lesson.id = prefix + "-" + i;
            return lesson;
        }).toList();

        long insertStart = System.nanoTime();
        for (int from = 0; from < lessons.size(); from += 1000) {
            Lesson.persist(lessons.subList(from, Math.min(from + 1000, lessons.size())));
        }
        long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;

        long issueStart = System.nanoTime();
        issuing.issue(lessons);
        Instant done = Instant.now();
        long issueMillis = (System.nanoTime() - issueStart) / 1_000_000;

        long issued = Lesson.<Lesson>mongoCollection().countDocuments(Filters.and(
                Filters.regex("_id", "^" + prefix + "-"), Filters.eq("state", LessonState.ROOM_READY.name())));
        long duplicates = lessons.stream().filter(lesson -> StubRooms.instance().openedFor(lesson.id) > 1).count();
        return new Run(name, OCCURRENCES, insertMillis, issueMillis, issued, duplicates, Duration.between(done, minute));
    }

    private void issueWithTwoReplicas(List<Lesson> lessons) throws Exception {
        List<CompletableFuture<Integer>> replicas = new ArrayList<>();
        for (int replica = 0; replica < REPLICAS; replica++) {
            replicas.add(CompletableFuture.supplyAsync(issuer::issueDue));
        }
        for (CompletableFuture<Integer> replica : replicas) {
            replica.get(30, TimeUnit.MINUTES);
        }
    }

    /** The same calls, announcements and stores, with the occurrences handed out by one query instead of claims. */
    private void issueWithoutClaims(List<Lesson> lessons) throws Exception {
        List<Lesson> due = Lesson.<Lesson>mongoCollection().find(Filters.and(Filters.regex("_id", "^b-"),
                Filters.eq("roomCode", null))).into(new ArrayList<>());
        int threads = REPLICAS * config.issuer().workers();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slice = t;
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = slice; i < due.size(); i += threads) {
                        issueDirectly(due.get(i));
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    private void issueDirectly(Lesson lesson) {
        RoomsClient.IssuedRoom room = rooms.open(lesson.id, new RoomsClient.RoomRequest(lesson.title, lesson.startsAt,
                lesson.endsAt, List.of(new RoomsClient.Participant(lesson.teacherId, "host", null))));
        publisher.publish(Events.LESSON_ROOM_READY, "lesson.room-ready:" + lesson.id, lesson.id,
                new LessonEvents.LessonRoomReady(lesson.id, room.code(), room.joinLink(), lesson.startsAt, lesson.endsAt));
        Lesson.<Lesson>mongoCollection().updateOne(Filters.eq("_id", lesson.id), Updates.combine(
                Updates.set("roomCode", room.code()), Updates.set("joinLink", room.joinLink()),
                Updates.set("state", LessonState.ROOM_READY.name())));
    }

    private void write(List<Run> runs) throws IOException {
        Path directory = Path.of(System.getProperty("bench.results", "../../bench/results"));
        Files.createDirectories(directory);
        Run baseline = runs.get(runs.size() - 1);
        StringBuilder table = new StringBuilder("""
                | run | occurrences | insert ms | issue ms | rooms/s | issued | issued twice | margin before first start | time vs baseline |
                |---|---|---|---|---|---|---|---|---|
                """);
        for (Run run : runs) {
            table.append("| %s | %d | %d | %d | %.0f | %d | %d | %d s | %.2f |%n".formatted(run.name(), run.occurrences(),
                    run.insertMillis(), run.issueMillis(), run.perSecond(), run.issued(), run.duplicates(),
                    run.marginBeforeFirstStart().toSeconds(), (double) run.issueMillis() / baseline.issueMillis()));
        }
        String report = """
                # Room issuer benchmark, %s UTC

                %d lesson occurrences, all starting within the same minute, become due at once (lead time %s).
                Two issuer replicas (two concurrent `RoomIssuer.issueDue()` runs, %d workers each) claim them with
                findOneAndUpdate and a lease, call the rooms stand-in (`StubRooms`, a real HTTP server on loopback)
                through the REST client with its timeouts, retries and circuit breaker, put `lesson.room-ready` in the
                outbox and store the room. The baseline does the same calls, announcements and stores from %d threads,
                but hands the occurrences out from one query instead of claiming each: what the claim protocol costs.
                "Margin" is how long before the first of them starts the last room was stored.

                Store: the embedded MongoDB-wire server (mongo-java-server, in memory), which scans the collection for
                every claim (no real indexes); a real MongoDB uses the `state`/`startsAt` index. Broker: embedded
                Artemis, relaying the outbox meanwhile. Machine: %d cores shared with other work; figures are
                indicative, ratios more than absolutes. Run with `bench/scheduling/run.sh`.

                %s
                - Every occurrence got exactly one room from rooms in the claim run (`issued twice` counts occurrences
                  rooms was asked for more than once).
                """.formatted(Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", ""),
                OCCURRENCES, config.roomLeadTime(), config.issuer().workers(), REPLICAS * config.issuer().workers(),
                Runtime.getRuntime().availableProcessors(), table);
        Files.writeString(directory.resolve("scheduling-" + LocalDate.now(ZoneOffset.UTC) + ".md"), report);
    }
}
