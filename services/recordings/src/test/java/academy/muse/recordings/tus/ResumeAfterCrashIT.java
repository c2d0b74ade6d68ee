package academy.muse.recordings.tus;

import academy.muse.devstack.EmbeddedBroker;
import academy.muse.devstack.MongoWireServer;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.recordings.support.MediaFiles;
import academy.muse.recordings.support.TusJsClient;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static academy.muse.recordings.support.TusRequests.material;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) is killed with SIGKILL in the middle of an
 * upload by the real tus-js-client and started again; the client resumes from the stored offset and the stored
 * file's SHA-256 equals the source's. MongoDB (wire store) and the broker run in this JVM and survive the kill.
 */
class ResumeAfterCrashIT {

    private static final int MIB = 1024 * 1024;

    private static MongoWireServer mongo;
    private static EmbeddedBroker broker;
    private static Path media;
    private static int httpPort;
    private static int managementPort;

    private final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void startInfrastructure() throws IOException {
        mongo = MongoWireServer.inMemory("127.0.0.1", 0);
        broker = EmbeddedBroker.create(Files.createTempDirectory("recordings-it-broker"), "127.0.0.1", freePort()).start();
        media = Files.createTempDirectory("recordings-it-media");
        httpPort = freePort();
        managementPort = freePort();
    }

    @AfterAll
    static void stopInfrastructure() {
        broker.close();
        mongo.close();
    }

    @AfterEach
    void stopService() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void anUploadSurvivesTheServiceBeingKilledAndRestartedInTheMiddle() throws Exception {
        Process service = startService();
        Path source = MediaFiles.randomFile(8 * MIB + 4321);
        String teacher = "t-" + UUID.randomUUID();
        Map<String, Object> options = TusJsClient.options("http://127.0.0.1:" + httpPort + "/uploads", source,
                TestTokens.teacher(teacher, "student-1"), material("Left-hand shifts"), MIB);
        options.put("delayMs", 300);

        try (TusJsClient client = TusJsClient.upload(options)) {
            long acknowledged = client.awaitAcknowledged(3L * MIB, Duration.ofSeconds(120));
            kill(service);
            assertThat(acknowledged).isLessThan(source.toFile().length());
            startService();

            String url = client.awaitDone(Duration.ofSeconds(180));

            String id = URI.create(url).getPath().replaceAll(".*/", "");
            Document upload = storedUpload(id);
            assertThat(upload.getString("state")).isEqualTo("PUBLISHED");
            assertThat(upload.getString("sha256")).isEqualTo(MediaFiles.sha256(source));
            assertThat(MediaFiles.sha256(media.resolve(upload.getString("storageKey")))).isEqualTo(MediaFiles.sha256(source));
        }
    }

    private Process startService() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = Path.of("target", "recordings-it-" + started.size() + ".log");
        Process process = new ProcessBuilder(java,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1", "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.mongodb.connection-string=" + mongo.connectionString(),
                "-Damqp-host=127.0.0.1", "-Damqp-port=" + broker.port(),
                "-Damqp-username=muse", "-Damqp-password=muse",
                "-Dmuse.keys.directory=" + TestKeys.directory(),
                "-Dmuse.media.root=" + media,
                "-Dmuse.recordings.patch-lease=3s",
                "-jar", System.getProperty("recordings.app", "target/quarkus-app/quarkus-run.jar"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(process);
        awaitReady(process, log);
        return process;
    }

    private static void kill(Process service) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(service.pid())).start();
        assertThat(kill.waitFor()).isZero();
        service.waitFor();
    }

    private static void awaitReady(Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("recordings exited at start; see " + log.toAbsolutePath());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("recordings did not become ready; see " + log.toAbsolutePath());
    }

    private static Document storedUpload(String id) {
        try (MongoClient client = MongoClients.create(mongo.connectionString())) {
            return client.getDatabase("recordings").getCollection("uploads").find(new Document("_id", id)).first();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
