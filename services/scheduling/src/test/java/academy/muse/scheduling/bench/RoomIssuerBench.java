package academy.muse.scheduling.bench;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.LessonEvents;
import academy.muse.platform.outbox.EventPublisher;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.scheduling.client.Rooms;
import academy.muse.scheduling.client.RoomsClient;
import academy.muse.scheduling.config.SchedulingConfig;
import academy.muse.scheduling.lesson.Lesson;
import academy.muse.scheduling.lesson.LessonService;
import academy.muse.scheduling.lesson.LessonState;
import academy.muse.scheduling.roomissuer.IssueClaims;
import academy.muse.scheduling.roomissuer.RoomIssuer;
import academy.muse.scheduling.testing.StubRooms;
import academy.muse.scheduling.testing.StubRoomsResource;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.bson.Document;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 2,500, 10,000 and 20,000 occurrences due in the same minute, each issued by two issuer replicas against the
 * stand-in for rooms, beside a baseline that does the same batched work without the claim protocol. Writes
 * {@code bench/results/scheduling-<date>.md} and, for {@code make bench}'s report, {@code bench/work/results/scheduling.json}.
 * Run with {@code bench/scheduling/run.sh}; not part of {@code make test} (tag {@code bench}).
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubRoomsResource.class)
class RoomIssuerBench {

    private static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.occurrences", "2500,10000,20000")
            .split(",")).map(String::trim).map(Integer::parseInt).toList();
    /** Occurrences of each unmeasured warm-up round, each way: the JIT settles the claim path and the baseline's. */
    private static final int WARM_UP = 5_000;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int REPLICAS = 2;

    @Inject
    RoomIssuer issuer;
    @Inject
    IssueClaims claims;
    @Inject
    Rooms rooms;
    @Inject
    EventPublisher publisher;
    @Inject
    SchedulingConfig config;
    @Inject
    MongoClient mongo;

    record Run(String name, int occurrences, long insertMillis, long issueMillis, long relayedMillis, long issued,
               long duplicates, Duration marginBeforeFirstStart) {

        double perSecond() {
            return issued * 1000.0 / Math.max(1, issueMillis);
        }
    }

    private interface Issuing {
        void issue(String prefix) throws Exception;
    }

    @Test
    void lessonsDueInTheSameMinuteAreIssuedOnceEachAtARateThatStaysFlatAsTheirNumberGrows() throws Exception {
        StubRooms.instance().answering();
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            measure("warm-up", "wc" + round, WARM_UP, this::issueWithTwoReplicas);
            measure("warm-up", "wb" + round, WARM_UP, this::issueWithoutClaims);
        }
        Map<Integer, Run[]> runs = new LinkedHashMap<>();
        for (int size : SIZES) {
            Run claimed = measure("claim protocol (2 replicas)", "c" + size, size, this::issueWithTwoReplicas);
            Run baseline = measure("baseline: one query, no claims", "b" + size, size, this::issueWithoutClaims);
            runs.put(size, new Run[] {claimed, baseline});
        }

        runs.values().stream().flatMap(Arrays::stream).forEach(run -> {
            assertThat(run.issued()).as(run.name()).isEqualTo(run.occurrences());
            assertThat(run.duplicates()).as(run.name()).isZero();
            assertThat(run.marginBeforeFirstStart()).as(run.name()).isPositive();
        });
        write(runs);
    }

    private Run measure(String name, String prefix, int occurrences, Issuing issuing) throws Exception {
        // Every occurrence starts within one 60-second span that ends just inside the lead time, so that all of them
        // are due when the issuers run (a span reaching past now + lead time would leave its tail for a later run).
        Instant minute = Instant.now().plus(config.roomLeadTime()).minus(Duration.ofSeconds(61))
                .truncatedTo(ChronoUnit.SECONDS);
        List<Lesson> lessons = IntStream.range(0, occurrences).mapToObj(i -> {
            Instant startsAt = minute.plusSeconds(i % 60);
            Lesson lesson = LessonService.newLesson("bench-teacher-" + i, List.of("bench-student-" + i), "Bench",
                    ZoneOffset.UTC, startsAt, startsAt.plus(Duration.ofMinutes(45)), startsAt);
            lesson.id = prefix + "-" + i;
            return lesson;
        }).toList();

        long insertStart = System.nanoTime();
        for (int from = 0; from < lessons.size(); from += 1000) {
            Lesson.persist(lessons.subList(from, Math.min(from + 1000, lessons.size())));
        }
        long insertMillis = (System.nanoTime() - insertStart) / 1_000_000;

        long issueStart = System.nanoTime();
        issuing.issue(prefix);
        Instant done = Instant.now();
        long issueMillis = (System.nanoTime() - issueStart) / 1_000_000;
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(50)).until(() -> outbox().countDocuments(
                Filters.eq("sentAt", null)) == 0);
        long relayedMillis = (System.nanoTime() - issueStart) / 1_000_000;

        long issued = Lesson.<Lesson>mongoCollection().countDocuments(Filters.and(
                Filters.regex("_id", "^" + prefix + "-"), Filters.eq("state", LessonState.ROOM_READY.name())));
        long duplicates = lessons.stream().filter(lesson -> StubRooms.instance().openedFor(lesson.id) > 1).count();
        startAfresh(prefix);
        return new Run(name, occurrences, insertMillis, issueMillis, relayedMillis, issued, duplicates,
                Duration.between(done, minute));
    }

    /** Each run starts from the same store: the previous run's lessons and its relayed events are removed. */
    private void startAfresh(String prefix) {
        Lesson.<Lesson>mongoCollection().deleteMany(Filters.regex("_id", "^" + prefix + "-"));
        outbox().deleteMany(Filters.ne("sentAt", null));
    }

    private MongoCollection<Document> outbox() {
        return mongo.getDatabase("scheduling").getCollection("outbox");
    }

    private void issueWithTwoReplicas(String prefix) throws Exception {
        List<CompletableFuture<Integer>> replicas = new ArrayList<>();
        for (int replica = 0; replica < REPLICAS; replica++) {
            replicas.add(CompletableFuture.supplyAsync(issuer::issueDue));
        }
        for (CompletableFuture<Integer> replica : replicas) {
            replica.get(30, TimeUnit.MINUTES);
        }
    }

    /**
     * The same batches, calls, announcements and stores from as many threads as the two replicas have workers, with
     * the occurrences handed out from one query instead of claimed: what the claim protocol costs.
     */
    private void issueWithoutClaims(String prefix) throws Exception {
        List<Lesson> due = Lesson.<Lesson>mongoCollection().find(Filters.and(Filters.regex("_id", "^" + prefix + "-"),
                Filters.eq("roomCode", null))).into(new ArrayList<>());
        int batch = config.issuer().claimBatch();
        List<List<Lesson>> batches = new ArrayList<>();
        for (int from = 0; from < due.size(); from += batch) {
            batches.add(due.subList(from, Math.min(from + batch, due.size())));
        }
        int threads = REPLICAS * config.issuer().workers();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int slice = t;
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = slice; i < batches.size(); i += threads) {
                        issueDirectly(batches.get(i));
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(30, TimeUnit.MINUTES);
        } finally {
            pool.shutdownNow();
        }
    }

    private void issueDirectly(List<Lesson> batch) {
        List<RoomsClient.IssuedLessonRoom> issued = rooms.openAll(batch.stream().map(lesson -> new RoomsClient.LessonRoom(
                lesson.id, new RoomsClient.RoomRequest(lesson.title, lesson.startsAt, lesson.endsAt,
                List.of(new RoomsClient.Participant(lesson.teacherId, "host", null))))).toList());
        Map<String, Lesson> byId = new LinkedHashMap<>();
        batch.forEach(lesson -> byId.put(lesson.id, lesson));
        publisher.publishAll(Events.LESSON_ROOM_READY, issued.stream().map(room -> {
            Lesson lesson = byId.get(room.occurrenceId());
            return new EventPublisher.Publication<>(LessonEvents.LessonRoomReady.eventId(lesson.id), lesson.id, new LessonEvents.LessonRoomReady(
                    lesson.id, room.room().code(), room.room().joinLink(), lesson.startsAt, lesson.endsAt));
        }).toList());
        claims.roomsIssued(issued.stream().map(room ->
                new IssueClaims.IssuedRoom(room.occurrenceId(), room.room().code(), room.room().joinLink())).toList());
    }

    private void write(Map<Integer, Run[]> runs) throws IOException {
        Path directory = Path.of(System.getProperty("bench.results", "../../bench/results"));
        Files.createDirectories(directory);
        StringBuilder table = new StringBuilder("""
                | occurrences | run | insert ms | issue ms | rooms/s | vs baseline | all events relayed after | issued | issued twice | margin before first start |
                |---|---|---|---|---|---|---|---|---|---|
                """);
        runs.forEach((size, pair) -> {
            for (Run run : pair) {
                table.append("| %d | %s | %d | %d | %.0f | %.2f | %.1f s | %d | %d | %d s |%n".formatted(size, run.name(),
                        run.insertMillis(), run.issueMillis(), run.perSecond(), run.perSecond() / pair[1].perSecond(),
                        run.relayedMillis() / 1000.0, run.issued(), run.duplicates(), run.marginBeforeFirstStart().toSeconds()));
            }
        });
        Run[] smallest = runs.get(SIZES.get(0));
        Run[] largest = runs.get(SIZES.get(SIZES.size() - 1));
        String flatness = "Rate at %d vs at %d occurrences: %.2f (two replicas), %.2f (baseline).".formatted(
                largest[0].occurrences(), smallest[0].occurrences(), largest[0].perSecond() / smallest[0].perSecond(),
                largest[1].perSecond() / smallest[1].perSecond());
        String report = """
                # Room issuer benchmark, %s UTC

                Lesson occurrences, all starting within the same minute, become due at once (lead time %s); %s of them
                in turn, each size from an empty store after two unmeasured %d-occurrence rounds each way. Two issuer replicas (two
                concurrent `RoomIssuer.issueDue()` runs, %d workers each) claim them in batches of %d (one conditional
                update by `_id` with a claim token and a lease, then a read of the batch by `_id`), ask the rooms
                stand-in (`StubRooms`, a real HTTP server on loopback) for each batch's rooms in one call through the
                REST client with its timeouts, retries and circuit breaker, put the batch's `lesson.room-ready` events in
                the outbox with one `insertMany`, and store the rooms with one bulk write. The baseline does the same
                batched calls, announcements and stores from %d threads, but hands the occurrences out from one query
                instead of claiming them: what the claim protocol costs. "Rooms/s" counts rooms stored; "all events
                relayed after" is when the outbox relay (batches sent with one wait for the broker's acknowledgements)
                had sent the last `lesson.room-ready`, from the start of issuing. "Margin" is how long before the first of
                them starts the last room was stored.

                Store: the embedded MongoDB-wire server (devstack's, in memory), which serves filters that pin `_id`
                from its `_id` index and scans for anything else (here: the read of due candidates, once per %d, and the
                relay's search for leftovers once a second). Broker: embedded Artemis. Machine: %d cores shared with
                other work; figures are indicative, ratios more than absolutes. Run with `bench/scheduling/run.sh`.

                %s
                %s

                - `issued twice` counts occurrences rooms was asked for more than once.
                """.formatted(Instant.now().truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", ""),
                config.roomLeadTime(), SIZES, WARM_UP, config.issuer().workers(), config.issuer().claimBatch(),
                REPLICAS * config.issuer().workers(), config.issuer().candidatesPerRead(),
                Runtime.getRuntime().availableProcessors(), table, flatness);
        Files.writeString(directory.resolve("scheduling-" + LocalDate.now(ZoneOffset.UTC) + ".md"), report);
        writeFigures(runs, smallest, largest);
    }

    /** The figures in the shape {@code make bench}'s report gathers ({@code bench/work/results/scheduling.json}). */
    private void writeFigures(Map<Integer, Run[]> runs, Run[] smallest, Run[] largest) throws IOException {
        List<Map<String, Object>> figures = new ArrayList<>();
        runs.forEach((size, pair) -> figures.add(figure("%,d lessons due in one minute, two replicas: rooms issued per second"
                .formatted(size), pair[0], "no-claim baseline (one query, same batches)", pair[1])));
        figures.add(figure("two replicas: rooms per second at %,d lessons".formatted(largest[0].occurrences()), largest[0],
                "the same at %,d lessons".formatted(smallest[0].occurrences()), smallest[0]));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("benchmark", "scheduling");
        result.put("description", "The room issuer: lessons due in the same minute, issued by two replicas on the "
                + "embedded store (claims by batch), beside a baseline without claims. See scheduling-<date>.md.");
        result.put("measuredAt", Instant.now().toString());
        result.put("figures", figures);
        Path file = Path.of(System.getProperty("bench.work", "../../bench/work")).resolve("results/scheduling.json");
        Files.createDirectories(file.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), result);
    }

    private static Map<String, Object> figure(String name, Run run, String baselineName, Run baseline) {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("name", name);
        figure.put("unit", "rooms/s");
        figure.put("values", List.of(run.perSecond()));
        figure.put("baselineName", baselineName);
        figure.put("baselineValues", List.of(baseline.perSecond()));
        figure.put("lowerIsBetter", false);
        return figure;
    }
}
