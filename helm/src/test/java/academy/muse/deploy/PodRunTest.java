package academy.muse.deploy;

import academy.muse.deploy.PodManifest.Workload;
import academy.muse.deploy.PodRunner.RunningContainer;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The umbrella chart rendered with the home values, and its pods run the way the cluster would run them: each of
 * our workloads' containers from the image {@code make images} builds from this worktree (Jib, pushed to a local
 * registry), under runc, exactly as the rendered Pod spec says ({@link PodRunner}), each pod in a network
 * namespace of its own, Services as virtual addresses with kube-proxy's port rules ({@link PodNetwork}). The
 * devstack's MongoDB-wire store and Artemis broker stand in for the chart's MongoDB and Artemis; Debian's coturn
 * for the coturn image ({@link DebianCoturn}). Not here: a scheduler, a CNI, kube-proxy itself, a real MongoDB
 * or Artemis, NetworkPolicies, more than one replica (docs/testing.md).
 *
 * <p>Needs root (network namespaces, runc); skipped otherwise. A cold run builds the JRE base image and the six
 * images; both are cached in {@code MUSE_PODRUN_CACHE} (default /var/cache/muse-academy/podrun), the images
 * rebuilt whenever a source file changed.
 */
class PodRunTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String REGISTRY = "127.0.0.1:5455";
    private static final String PUSHED_TAG = "0.1.0-SNAPSHOT";
    private static final int STORE_PORT = 27017;
    private static final int BROKER_PORT = 5672;
    /** How long the whole run may wait for every probe: eight JVMs start together on two busy cores. */
    private static final Duration PROBE_DEADLINE = Duration.ofMinutes(6);

    private static final List<String> defects = new ArrayList<>();
    private static final List<String> notes = new ArrayList<>();
    private static final Map<String, ProbeOutcome> probeOutcomes = new LinkedHashMap<>();
    private static Process registry;
    private static Process devstack;
    private static PodRunner runner;
    private static Path work;
    /** The backup CronJob's pod, and the restore Job of docs/home-cluster.md: placed with the rest, run on demand. */
    private static Workload backupRun;
    private static Workload restoreRun;

    @BeforeAll
    static void runTheRenderedPods() throws Exception {
        defects.clear();
        notes.clear();
        probeOutcomes.clear();
        assumeTrue("0".equals(Shell.run("id", "-u").trim()),
                "PodRunTest skipped: running the rendered pods needs root (network namespaces, runc); CI runs as root");
        work = Path.of("target/podrun").toAbsolutePath();
        PodRunner.stopLeftovers(work);
        Shell.run("rm", "-rf", work.toString());
        Files.createDirectories(work);
        Path cache = Path.of(Optional.ofNullable(System.getenv("MUSE_PODRUN_CACHE"))
                .orElse("/var/cache/muse-academy/podrun"));
        Files.createDirectories(cache.resolve("registry"));
        registry = startRegistry(cache);
        System.out.println(Shell.run(45 * 60, ROOT.resolve("helm/src/test/podrun/images").toString(), REGISTRY,
                cache.toString()));

        List<HasMetadata> objects = new ArrayList<>(ChartRendering.install(ChartRendering.HOME_VALUES));
        objects.addAll(secretsTheOperatorCreates(objects));
        PodManifest manifest = new PodManifest(objects);

        List<Workload> ours = new ArrayList<>();
        List<Workload> standIns = new ArrayList<>();
        for (Workload workload : manifest.workloads()) {
            String image = workload.spec().getContainers().get(0).getImage();
            if (image.contains("/muse-academy/") || PodImages.isCoturn(image)) {
                ours.add(workload);
            } else if (image.contains("mongo") || image.contains("artemis")) {
                standIns.add(workload);
            } else {
                notes.add(workload.kind() + " " + workload.name() + " (" + image + ") is not run here");
            }
        }
        runner = new PodRunner(work, manifest, new PodImages(REGISTRY, PUSHED_TAG, work), defects,
                PodRunTest::forTheStoreStandIn);
        backupRun = manifest.cronJobRun("mongodb-backup").orElseThrow();
        restoreRun = PodManifest.jobPod("Job", "mongodb-restore", "mongodb-restore",
                RestoreProcedureTest.documentedRestoreJob().getSpec().getTemplate());
        List<Workload> placed = new ArrayList<>(ours);
        placed.addAll(List.of(backupRun, restoreRun));
        runner.place(placed, standIns);
        devstack = startDevstack();
        for (Workload workload : ours) {
            runner.prepare(workload);
        }
        runner.startAll();
        watchProbes();
    }

    /**
     * The Secrets docs/home-cluster.md has the operator create by hand before {@code helm install}, made the same
     * way: {@code muse-keys} from the regular files {@code make keys} (devstack's KeysMain) writes. Only where the
     * chart still refers to it and does not create it itself.
     */
    private static List<Secret> secretsTheOperatorCreates(List<HasMetadata> rendered) throws IOException {
        boolean created = rendered.stream().anyMatch(object -> object instanceof Secret
                && object.getMetadata().getName().equals("muse-keys"));
        boolean used = rendered.stream().map(Serialization::asJson).anyMatch(json -> json.contains("\"muse-keys\""));
        if (created || !used) {
            return List.of();
        }
        Path keys = work.resolve("cluster-keys");
        Shell.run("java", "-cp", devstackClasspath(), "academy.muse.devstack.KeysMain", keys.toString());
        Map<String, String> data = new LinkedHashMap<>();
        try (var files = Files.list(keys)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                data.put(file.getFileName().toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(file)));
            }
        }
        notes.add("muse-keys created by hand as docs/home-cluster.md says (make keys, kubectl create secret)");
        return List.of(new SecretBuilder().withNewMetadata().withName("muse-keys").endMetadata().withData(data)
                .build());
    }

    private static String devstackClasspath() {
        return ROOT.resolve("devstack/target/devstack.jar") + ":" + ROOT.resolve("devstack/target/lib/*");
    }

    /**
     * mongo-java-server is one server without users and without replica sets: the chart's URI keeps its hosts'
     * first entry and its database, and loses the credentials (in the URI, or beside it as the backup tool's
     * MONGODB_USERNAME and MONGODB_PASSWORD), the replica set name and the auth source. That is the only change to
     * any container's environment.
     */
    private static Map<String, String> forTheStoreStandIn(Map<String, String> env) {
        String uri = env.get("MONGODB_URI");
        if (uri == null) {
            return env;
        }
        Map<String, String> changed = new LinkedHashMap<>(env);
        changed.remove("MONGODB_USERNAME");
        changed.remove("MONGODB_PASSWORD");
        String rest = uri.substring("mongodb://".length());
        String hosts = rest.contains("@") ? rest.substring(rest.indexOf('@') + 1) : rest;
        int slash = hosts.indexOf('/');
        String path = slash < 0 ? "" : hosts.substring(slash);
        String firstHost = (slash < 0 ? hosts : hosts.substring(0, slash)).split(",")[0];
        String database = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        String options = path.contains("?") ? java.util.Arrays.stream(path.substring(path.indexOf('?') + 1)
                .split("&")).filter(option -> !option.startsWith("replicaSet=") && !option.startsWith("authSource="))
                .collect(Collectors.joining("&")) : "";
        changed.put("MONGODB_URI", "mongodb://" + firstHost + database + (options.isEmpty() ? "" : "?" + options));
        return changed;
    }

    @AfterAll
    static void stopEverything() {
        if (runner != null) {
            runner.close();
        }
        for (Process process : new Process[] {devstack, registry}) {
            if (process != null) {
                process.destroy();
            }
        }
        System.out.println("Pod run notes: " + notes);
    }

    @Test
    void everyContainerPassesEveryStartupAndReadinessProbeItsSpecNames() {
        Map<String, String> failures = new LinkedHashMap<>();
        for (RunningContainer container : runner.running()) {
            for (var probe : probesOf(container).entrySet()) {
                ProbeOutcome outcome = probeOutcomes.get(container.id() + " " + probe.getKey());
                if (outcome.failure() != null) {
                    failures.put(container.id() + " " + probe.getKey(), outcome.failure());
                } else if (probe.getKey().equals("startup")) {
                    long took = Duration.between(container.startedAt(), outcome.passedAt()).toSeconds();
                    long budget = startupBudgetSeconds(probe.getValue());
                    if (took > budget) {
                        failures.put(container.id() + " startup", "passed after " + took + " s, beyond its budget of "
                                + budget + " s: the kubelet would have restarted the container");
                    }
                }
            }
        }
        assertThat(runner.running()).as("containers started").isNotEmpty();
        assertThat(failures).as("probes that did not pass").isEmpty();
    }

    @Test
    void everyFileFromASecretOrConfigMapIsReadableByItsContainersUser() {
        Map<String, String> unreadable = new LinkedHashMap<>();
        for (RunningContainer container : runner.running()) {
            if (!container.process().isAlive()) {
                continue;
            }
            runner.filesFromSecretsAndConfigMaps(container).forEach((file, modeAndOwner) -> {
                Shell.Result read = runner.execIn(container, 30, List.of("cat", file));
                if (!read.ok()) {
                    unreadable.put(container.id() + " " + file + " (mode " + modeAndOwner + ")",
                            read.output().lines().findFirst().orElse(""));
                }
            });
        }
        assertThat(runner.running()).as("containers started").isNotEmpty();
        assertThat(unreadable).as("files the container's user cannot read").isEmpty();
    }

    @Test
    void theGatewayAnswersForAllFiveServicesThroughTheirPublicRoutes() throws Exception {
        assertReady("gateway");
        String gateway = "http://" + runner.serviceAddress("gateway");
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("scheduling", request(gateway + "/api/scheduling/series", "-X", "POST", "-H",
                "Content-Type: application/json", "-d", "{}"));
        answers.put("rooms", request(gateway + "/api/rooms/instant", "-X", "POST"));
        answers.put("recordings", request(gateway + "/api/recordings/uploads", "-X", "POST"));
        answers.put("vod", request(gateway + "/api/vod/assets/unknown"));
        answers.put("signaling", request(gateway + "/ws/rooms/abcdef", "-H", "Connection: Upgrade",
                "-H", "Upgrade: websocket", "-H", "Sec-WebSocket-Version: 13",
                "-H", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
        assertThat(answers).allSatisfy((service, answer) ->
                assertThat(answer).as("%s through the gateway; its log:\n%s", service,
                        PodRunner.tail(container(service).log())).startsWith("401 "));
        assertThat(answers).allSatisfy((service, answer) -> {
            if (!service.equals("signaling")) {
                assertThat(answer).as("%s through the gateway", service).contains("application/problem+json");
            }
        });
    }

    @Test
    void coturnRefusesRelaysToPrivateAddressesWithTheCredentialsRoomsMints() throws Exception {
        RunningContainer coturn = container("coturn");
        RunningContainer rooms = container("rooms");
        assertReady("coturn");
        String secret = rooms.env().get("MUSE_TURN_SECRET");
        assertThat(secret).as("rooms' TURN secret").isNotBlank();
        String turnAddress = runner.podAddress(coturn.workload().podName());
        PeerNamespace peer = PeerNamespace.create();
        try {
            String allowed = relay(turnAddress, secret, PeerNamespace.PEER_ADDRESS);
            assertThat(allowed).as("relay to a public address (positive control)")
                    .doesNotContain("403").contains("Total lost packets 0");
            for (String denied : List.of("10.0.0.1", "192.168.0.1", "127.0.0.1")) {
                assertThat(relay(turnAddress, secret, denied)).as("relay to %s", denied).contains("403")
                        .containsIgnoringCase("Forbidden IP");
            }
        } finally {
            peer.close();
        }
    }

    /**
     * {@code kubectl create job --from=cronjob/mongodb-backup}: the CronJob's container, as rendered (user 185,
     * read-only root, the PVC at /backup), dumps the store the services have been writing to; then the restore Job
     * of docs/home-cluster.md, given that archive on its PVC, restores it.
     */
    @Test
    void theBackupCronJobWritesAnArchiveThatTheDocumentedRestoreJobRestores() throws Exception {
        Shell.Result dump = runner.runToCompletion(backupRun, volumes -> { }, 300);
        assertThat(dump.exitCode()).as("the backup's output:\n%s", dump.output()).isZero();
        List<Path> archives;
        try (var files = Files.list(runner.volumeDirectories(backupRun).get("backup"))) {
            archives = files.toList();
        }
        assertThat(archives).as("the backup volume").singleElement()
                .satisfies(archive -> assertThat(archive.getFileName().toString()).matches("muse-\\d{8}T\\d{6}Z\\.ejson\\.gz"));
        Path archive = archives.get(0);
        List<String> lines = Shell.run("zcat", archive.toString()).lines().toList();
        assertThat(lines.get(0)).contains("\"format\": \"muse-backup\"");
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"end\": ");
        assertThat(lines).as("the services' collections").anySatisfy(line -> assertThat(line).startsWith("{\"collection\": "));

        restoreRun.spec().getContainers().get(0).setArgs(List.of("restore", "--from", "/backup/" + archive.getFileName()));
        Shell.Result restore = runner.runToCompletion(restoreRun, volumes -> Shell.run("cp", archive.toString(),
                volumes.get("backup").toString()), 300);
        assertThat(restore.exitCode()).as("the restore's output:\n%s", restore.output()).isZero();
        assertThat(restore.output()).contains("restoring /backup/" + archive.getFileName(), "restored ");
    }

    @Test
    void theRunMetNothingAClusterWouldRefuse() {
        assertThat(defects).as("what a cluster would refuse or get stuck on").isEmpty();
    }

    /** Credentials as rooms mints them (coturn's REST API): user {@code <expiry>:<user>}, base64 HMAC-SHA1. */
    private static String relay(String turnAddress, String secret, String peer) throws Exception {
        String username = (Instant.now().getEpochSecond() + 3600) + ":podrun-student";
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String password = Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        return Shell.inNamespace(PodNetwork.HUB, 60, "turnutils_uclient", "-u", username, "-w", password, "-e", peer,
                "-r", "3480", "-n", "5", "-c", "-X", turnAddress).output();
    }

    private static RunningContainer container(String name) {
        return runner.running().stream().filter(container -> container.container().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " did not start: " + defects));
    }

    private static void assertReady(String name) {
        RunningContainer container = container(name);
        assertThat(container.container().getReadinessProbe()).as("%s has a readiness probe", name).isNotNull();
        assertThat(probeOutcomes.get(container.id() + " readiness").failure())
                .as("%s ready; its log:\n%s", name, PodRunner.tail(container.log())).isNull();
    }

    /** How long the kubelet lets a startup probe fail before it restarts the container. */
    private static long startupBudgetSeconds(Probe probe) {
        return Optional.ofNullable(probe.getInitialDelaySeconds()).orElse(0)
                + (long) Optional.ofNullable(probe.getFailureThreshold()).orElse(3)
                * Optional.ofNullable(probe.getPeriodSeconds()).orElse(10);
    }

    private static Map<String, Probe> probesOf(RunningContainer container) {
        Map<String, Probe> probes = new LinkedHashMap<>();
        Optional.ofNullable(container.container().getStartupProbe()).ifPresent(probe -> probes.put("startup", probe));
        Optional.ofNullable(container.container().getReadinessProbe()).ifPresent(probe -> probes.put("readiness", probe));
        return probes;
    }

    /** When a probe first passed, or why it never did. */
    private record ProbeOutcome(Instant passedAt, String failure) {
    }

    /**
     * Every container's probes tried together every two seconds, as the kubelet would (readiness only once the
     * startup probe passed), until each passed, its container exited, or the deadline came.
     */
    private static void watchProbes() {
        Instant deadline = Instant.now().plus(PROBE_DEADLINE);
        Map<String, String> lastAttempt = new LinkedHashMap<>();
        boolean pending = true;
        while (pending && Instant.now().isBefore(deadline)) {
            pending = false;
            for (RunningContainer container : runner.running()) {
                for (var probe : probesOf(container).entrySet()) {
                    String key = container.id() + " " + probe.getKey();
                    ProbeOutcome startup = probeOutcomes.get(container.id() + " startup");
                    boolean waitsForStartup = probe.getKey().equals("readiness")
                            && container.container().getStartupProbe() != null
                            && (startup == null || startup.passedAt() == null);
                    if (probeOutcomes.containsKey(key)) {
                        continue;
                    }
                    if (waitsForStartup && startup == null) {
                        pending = true;
                    } else if (waitsForStartup) {
                        probeOutcomes.put(key, new ProbeOutcome(null, "not tried: the startup probe never passed"));
                    } else if (!container.process().isAlive()) {
                        probeOutcomes.put(key, new ProbeOutcome(null, "the container exited ("
                                + container.process().exitValue() + "):\n" + PodRunner.tail(container.log())));
                    } else {
                        String failure = attempt(container, probe.getValue());
                        if (failure == null) {
                            probeOutcomes.put(key, new ProbeOutcome(Instant.now(), null));
                        } else {
                            lastAttempt.put(key, failure);
                            pending = true;
                        }
                    }
                }
            }
            if (pending) {
                sleep(2000);
            }
        }
        for (RunningContainer container : runner.running()) {
            for (String kind : probesOf(container).keySet()) {
                probeOutcomes.putIfAbsent(container.id() + " " + kind, new ProbeOutcome(null, "last attempt: "
                        + lastAttempt.get(container.id() + " " + kind) + "\n" + PodRunner.tail(container.log())));
            }
            ProbeOutcome startup = probeOutcomes.get(container.id() + " startup");
            if (startup != null && startup.passedAt() != null) {
                notes.add(container.id() + " passed its startup probe "
                        + Duration.between(container.startedAt(), startup.passedAt()).toSeconds() + " s after start");
            }
        }
    }

    /** One probe attempt as the kubelet makes it, from the node (the hub namespace); null when it passed. */
    private static String attempt(RunningContainer container, Probe probe) {
        int timeout = probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds();
        if (probe.getHttpGet() != null) {
            String scheme = Optional.ofNullable(probe.getHttpGet().getScheme()).orElse("HTTP").toLowerCase();
            String url = scheme + "://" + runner.probeTarget(container, probe.getHttpGet().getPort())
                    + Optional.ofNullable(probe.getHttpGet().getPath()).orElse("/");
            String status = Shell.inNamespace(PodNetwork.HUB, timeout + 5, "curl", "-sk", "-o", "/dev/null", "-w",
                    "%{http_code}", "--max-time", String.valueOf(timeout), url).output().trim();
            return status.matches("[23]\\d\\d") ? null : "GET " + url + " → " + status;
        }
        if (probe.getTcpSocket() != null) {
            String target = runner.probeTarget(container, probe.getTcpSocket().getPort());
            String[] hostPort = target.split(":");
            Shell.Result result = Shell.inNamespace(PodNetwork.HUB, timeout + 5, "timeout", String.valueOf(timeout),
                    "bash", "-c", "exec 3<>/dev/tcp/" + hostPort[0] + "/" + hostPort[1]);
            return result.ok() ? null : "TCP " + target + " refused";
        }
        if (probe.getExec() != null) {
            Shell.Result result = runner.execIn(container, timeout + 5, probe.getExec().getCommand());
            return result.ok() ? null : "exec " + probe.getExec().getCommand() + " → " + result.output();
        }
        return "a probe kind this run does not emulate: " + probe;
    }

    /** A request from the hub namespace: "status content-type" then the body. */
    private static String request(String url, String... options) {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "--max-time", "20", "-w",
                "\n%{http_code} %{content_type}"));
        command.addAll(List.of(options));
        command.add(URI.create(url).toString());
        String[] parts = Shell.inNamespace(PodNetwork.HUB, 30, command.toArray(String[]::new)).output()
                .split("\n(?=[0-9]{3} [^\n]*$)");
        return parts.length == 2 ? parts[1] + "\n" + parts[0] : "no answer: " + String.join("", parts);
    }

    private static Process startRegistry(Path cache) throws IOException, InterruptedException {
        Path config = cache.resolve("registry.yml");
        Files.writeString(config, "version: 0.1\nlog: { level: warn }\nstorage: { filesystem: { rootdirectory: "
                + cache.resolve("registry") + " } }\nhttp: { addr: " + REGISTRY + " }\n");
        Process process = Shell.start(work.resolve("registry.log"), List.of("docker-registry", "serve",
                config.toString()));
        for (int attempt = 0; attempt < 50; attempt++) {
            if (Shell.exec(5, List.of("curl", "-sf", "http://" + REGISTRY + "/v2/")).ok()) {
                return process;
            }
            Thread.sleep(200);
        }
        process.destroy();
        throw new IllegalStateException("The local registry did not start on " + REGISTRY + ": "
                + PodRunner.tail(work.resolve("registry.log")));
    }

    private static Process startDevstack() throws InterruptedException {
        String classpath = devstackClasspath();
        Process process = Shell.start(work.resolve("devstack.log"), List.of("ip", "netns", "exec", PodNetwork.HUB,
                "java", "-Xmx256m", "-Ddevstack.host=0.0.0.0", "-cp", classpath, "academy.muse.devstack.Devstack",
                work.resolve("devstack").toString(), String.valueOf(STORE_PORT), String.valueOf(BROKER_PORT)));
        for (int attempt = 0; attempt < 120; attempt++) {
            if (Shell.inNamespace(PodNetwork.HUB, 5, "bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/" + BROKER_PORT
                    + " && exec 4<>/dev/tcp/127.0.0.1/" + STORE_PORT).ok()) {
                return process;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("devstack did not start: " + PodRunner.tail(work.resolve("devstack.log")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A namespace at a public unicast address (just above the CGNAT range coturn denies; the TEST-NET ranges are denied
     * by turn/'s template too) with a UDP echo peer: where coturn may relay. The address exists only inside this namespace.
     */
    private record PeerNamespace(String name, Process echo) implements AutoCloseable {
        static final String PEER_ADDRESS = "100.128.0.50";

        static PeerNamespace create() {
            String name = "muse-podrun-peer";
            Shell.exec(List.of("ip", "netns", "delete", name));
            Shell.run("ip", "netns", "add", name);
            Shell.run("ip", "netns", "exec", PodNetwork.HUB, "ip", "link", "add", "mpr-peer", "type", "veth", "peer",
                    "name", "eth0", "netns", name);
            Shell.run("ip", "netns", "exec", PodNetwork.HUB, "ip", "addr", "add", "100.128.0.1/24", "dev", "mpr-peer");
            Shell.run("ip", "netns", "exec", PodNetwork.HUB, "ip", "link", "set", "mpr-peer", "up");
            Shell.run("ip", "netns", "exec", name, "ip", "addr", "add", PEER_ADDRESS + "/24", "dev", "eth0");
            Shell.run("ip", "netns", "exec", name, "ip", "link", "set", "eth0", "up");
            Shell.run("ip", "netns", "exec", name, "ip", "link", "set", "lo", "up");
            Shell.run("ip", "netns", "exec", name, "ip", "route", "add", "default", "via", "100.128.0.1");
            Process echo = Shell.start(work.resolve("turn-peer.log"), List.of("ip", "netns", "exec", name,
                    "turnutils_peer", "-L", PEER_ADDRESS, "-p", "3480"));
            return new PeerNamespace(name, echo);
        }

        @Override
        public void close() {
            echo.destroy();
            Shell.exec(List.of("ip", "netns", "delete", name));
        }
    }
}
