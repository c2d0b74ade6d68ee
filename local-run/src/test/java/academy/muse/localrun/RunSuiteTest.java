package academy.muse.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts {@code devstack/bin/run-suite --demo} as {@code make demo} does, on ports of its own (MUSE_PORT_BASE) and in a
 * run directory of its own, with the jars the build just packaged, and checks what a person sees: one line per
 * service, the URL, every service answering through the gateway, the demo accounts, lesson, replay and preview, and
 * that SIGTERM leaves nothing running and every port free.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunSuiteTest {

    private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    private static final List<String> SERVICES = List.of("scheduling", "rooms", "signaling", "recordings", "vod");
    /** Generous: on a machine shared by several builds the suite has needed four minutes and more to start. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);
    /** The replay needs its one-minute lesson to end and its room to close; then vod packages it. */
    private static final Duration DEMO_TIMEOUT = Duration.ofMinutes(7);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private SuiteProcess suite;
    private String url;

    @BeforeAll
    void startTheSuiteAsMakeDemoDoes() throws Exception {
        suite = SuiteProcess.start(ROOT, Files.createTempDirectory("muse-run-suite-test"));
        url = "http://localhost:" + suite.ports().gateway();
    }

    @AfterAll
    void stopWhateverIsLeft() {
        suite.killTree();
    }

    @Test
    @Order(1)
    void printsOneLinePerServiceAsItBecomesReadyThenTheUrl() throws Exception {
        String urlLine = suite.awaitLine(line -> line.startsWith("Muse Academy is running"), START_TIMEOUT);

        assertThat(urlLine).contains("open " + url + " ");
        for (String app : concat("devstack", "gateway")) {
            assertThat(suite.output()).as("ready line of " + app).anyMatch(line -> line.startsWith("  " + app + ": ready ("));
        }
    }

    @Test
    @Order(2)
    void everyServiceIsHealthyAndAnswersThroughTheGateway() throws Exception {
        suite.awaitLine(line -> line.startsWith("Muse Academy is running"), START_TIMEOUT);

        assertThat(get(url + "/").body()).contains("<html");
        for (String app : concat("gateway")) {
            HttpResponse<String> health = get("http://127.0.0.1:" + suite.ports().management(app) + "/q/health/ready");
            assertThat(health.statusCode()).as(app + " readiness").isEqualTo(200);
            assertThat(health.body()).contains("\"UP\"");
        }
        for (String service : SERVICES) {
            // The service itself answers (401 or 404); the gateway's own 503 would mean it cannot reach it.
            assertThat(get(url + "/api/" + service + "/").statusCode()).as(service + " through the gateway").isIn(401, 404);
        }
    }

    @Test
    @Order(3)
    void demoHasItsAccountsALessonWithAnOpenRoomASampleReplayAndAPreview() throws Exception {
        assertThat(suite.awaitLine(line -> line.startsWith("Demo ready") || line.startsWith("Demo seeding failed"), DEMO_TIMEOUT))
                .startsWith("Demo ready");
        assertThat(suite.output()).anyMatch(line -> line.contains("teacher@demo.muse.test / "));
        String teacher = signIn("teacher@demo.muse.test", "rosin-on-the-bow-42");
        String student = signIn("student@demo.muse.test", "scales-and-arpeggios-77");

        JsonNode upcoming = getJson("/api/scheduling/lessons", student);
        assertThat(StreamSupport.stream(upcoming.spliterator(), false))
                .anySatisfy(lesson -> {
                    assertThat(lesson.path("title").asText()).isEqualTo("Demo: violin lesson");
                    assertThat(lesson.path("roomStatus").asText()).isEqualTo("ready");
                    assertThat(lesson.path("joinLink").asText()).startsWith(url + "/r/");
                });
        JsonNode history = getJson("/api/scheduling/lessons/history", student);
        assertThat(StreamSupport.stream(history.spliterator(), false))
                .anySatisfy(lesson -> assertThat(lesson.path("replay").path("assetId").asText()).isNotEmpty());
        JsonNode assets = getJson("/api/vod/assets", student);
        assertThat(StreamSupport.stream(assets.spliterator(), false)).anySatisfy(asset -> {
            assertThat(asset.path("kind").asText()).isEqualTo("material");
            assertThat(asset.path("status").asText()).isEqualTo("ready");
            assertThat(asset.path("title").asText()).startsWith("Demo:");
        });
        assertThat(getJson("/api/me", teacher).path("role").asText()).isEqualTo("teacher");
        assertThat(suite.runDirectory().resolve("demo.json")).exists();
    }

    @Test
    @Order(4)
    void sigtermStopsEveryProcessItStartedAndFreesEveryPort() throws Exception {
        suite.awaitLine(line -> line.startsWith("Muse Academy is running"), START_TIMEOUT);
        List<ProcessHandle> children = suite.descendants();
        assertThat(children).as("devstack, five services, the gateway").hasSizeGreaterThanOrEqualTo(7);

        int status = suite.terminate(Duration.ofSeconds(60));

        assertThat(status).isZero();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(suite.ports().all()).allMatch(Ports::isFree);
        assertThat(suite.output()).contains("Stopped.");
    }

    private List<String> concat(String... first) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(first), SERVICES.stream()).toList();
    }

    private String signIn(String email, String password) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("email", email, "password", password))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("sign-in of " + email).isEqualTo(200);
        return json.readTree(response.body()).path("accessToken").asText();
    }

    private JsonNode getJson(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String address) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
