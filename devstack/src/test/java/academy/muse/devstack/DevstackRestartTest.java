package academy.muse.devstack;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack main as the e2e suite and {@code make run} start it, in a process of its own, killed (SIGKILL) while
 * clients are connected and started again on the same data directory and ports: as a rescheduled database pod.
 */
class DevstackRestartTest {

    /** Far more than a restart takes; only a devstack that hangs (or cannot bind its ports) gets near it. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path data;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopDevstack() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKilledDevstackComesBackOnTheSamePortsWithEverythingThatWasStored() throws Exception {
        int[] ports = freePorts(4);
        Process first = start(ports);
        String uri = "mongodb://127.0.0.1:" + ports[0];
        try (MongoClient client = MongoClients.create(uri + "/?serverSelectionTimeoutMS=30000")) {
            MongoCollection<Document> lessons = client.getDatabase("scheduling").getCollection("lessons");
            lessons.insertMany(IntStream.range(0, 200).mapToObj(i -> new Document("_id", "lesson-" + i)
                    .append("state", "scheduled").append("version", 0)).toList());
            // Many small committed writes, as a lesson's leases and upload offsets make, so the store's file
            // holds many versions when it dies; connections stay open across the kill, as the services' do.
            for (int round = 1; round <= 30; round++) {
                lessons.updateMany(Filters.exists("_id"), Updates.set("version", round));
            }
            try (Socket amqpClient = new Socket("127.0.0.1", ports[1])) {
                first.destroyForcibly();
                assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();

                long restartedAt = System.nanoTime();
                start(ports);
                System.out.printf("devstack killed and started again: ready after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt));
            }
            assertThat(lessons.countDocuments()).isEqualTo(200);
            Document lesson = lessons.find(Filters.eq("_id", "lesson-7")).first();
            assertThat(lesson).isNotNull();
            assertThat(lesson.getInteger("version")).isEqualTo(30);
        }
    }

    /** Starts the devstack main on these ports (store, AMQP, SMTP, mail listing) and waits until it is ready. */
    private Process start(int[] ports) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Devstack.class.getName(), data.toString(),
                String.valueOf(ports[0]), String.valueOf(ports[1]), String.valueOf(ports[2]), String.valueOf(ports[3]))
                .redirectErrorStream(true).start();
        started.add(process);
        CompletableFuture<Boolean> ready = CompletableFuture.supplyAsync(() -> readUntilReady(process));
        try {
            assertThat(ready.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS)).as("devstack said it is ready").isTrue();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("devstack was not ready within " + START_LIMIT, e);
        }
        return process;
    }

    /** Reads the process's output (echoing it) until its ready line; false if it ended first. */
    private static boolean readUntilReady(Process process) {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = output.readLine()) != null) {
                System.out.println("[devstack] " + line);
                if (line.startsWith("devstack ready")) {
                    // Keep draining, so that a full pipe never blocks the process.
                    Thread drain = new Thread(() -> output.lines().forEach(rest -> { }), "devstack-output");
                    drain.setDaemon(true);
                    drain.start();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }
}
