package academy.muse.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Start-up time and resident memory of each service after warm-up, and of the whole suite, side by side with
 * a bare JVM HTTP server started with the same options ({@link BareHttpServer}).
 *
 * <p>Usage: {@code Footprint <repo root> [runs]}. Needs the suite built ({@code mvn install -DskipTests}).
 */
public final class Footprint {

    private static final List<String> SERVICES = List.of("gateway", "scheduling", "rooms", "signaling", "recordings", "vod");
    /** The services' images take their JVM options from this shared property; the benchmark starts them with the same. */
    private static final String IMAGE_JVM_OPTIONS = "quarkus.jib.jvm-additional-arguments";
    private static final int WARM_UP_REQUESTS = 300;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Path root;
    private final Path work;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final long startedNanos = System.nanoTime();
    private final List<String> jvmOptions;

    private Footprint(Path root) throws IOException {
        this.root = root;
        this.work = root.resolve("bench/work/footprint");
        this.jvmOptions = imageJvmOptions(root);
    }

    /** The JVM options the images run with (platform/service's shared properties), so the figures are the pods'. */
    private static List<String> imageJvmOptions(Path root) throws IOException {
        java.util.Properties shared = new java.util.Properties();
        try (var in = Files.newInputStream(
                root.resolve("platform/service/src/main/resources/META-INF/microprofile-config.properties"))) {
            shared.load(in);
        }
        String options = shared.getProperty(IMAGE_JVM_OPTIONS);
        if (options == null) {
            throw new IllegalStateException(IMAGE_JVM_OPTIONS + " is not set in platform/service");
        }
        return List.of(options.split(","));
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        new Footprint(root).measure(runs).write(root.resolve("bench/work"));
    }

    /** Says how far the benchmark is and how long it has taken, so that its share of make bench's time is visible. */
    private void progress(String measured) {
        System.out.printf(java.util.Locale.ROOT, "footprint: %s measured, %.0f s since the start%n", measured,
                (System.nanoTime() - startedNanos) / 1e9);
    }

    private BenchmarkResult measure(int runs) throws Exception {
        Files.createDirectories(work);
        String devstackClasspath = root.resolve("devstack/target/devstack.jar") + ":" + root.resolve("devstack/target/lib/*");
        run(List.of("java", "-cp", devstackClasspath, "academy.muse.devstack.KeysMain", work.resolve("keys").toString()));
        snapshotApplications();
        int mongoPort = freePort();
        int amqpPort = freePort();
        Process devstack = start("devstack", List.of("java", "-cp", devstackClasspath, "academy.muse.devstack.Devstack",
                work.resolve("data-" + System.nanoTime()).toString(), String.valueOf(mongoPort), String.valueOf(amqpPort)), Map.of());
        try {
            waitForPort(mongoPort);
            waitForPort(amqpPort);
            environment.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongoPort);
            environment.put("AMQP_HOST", "127.0.0.1");
            environment.put("AMQP_PORT", String.valueOf(amqpPort));
            environment.put("MUSE_KEYS_DIRECTORY", work.resolve("keys").toString());
            environment.put("QUARKUS_LOG_LEVEL", "WARN");

            List<Figure> figures = new ArrayList<>();
            Sample baseline = null;
            for (String service : SERVICES) {
                List<Double> startSeconds = new ArrayList<>();
                List<Double> rssMiB = new ArrayList<>();
                List<Double> baseStartSeconds = new ArrayList<>();
                List<Double> baseRssMiB = new ArrayList<>();
                for (int run = 0; run < runs; run++) {
                    Sample sample = sample(service, serviceCommand(service));
                    startSeconds.add(sample.startSeconds());
                    rssMiB.add(sample.rssMiB());
                    baseline = sample("bare-jvm", bareJvmCommand());
                    baseStartSeconds.add(baseline.startSeconds());
                    baseRssMiB.add(baseline.rssMiB());
                }
                progress(service);
                figures.add(new Figure(service + " start-up to ready", "s", startSeconds, "bare JVM HTTP server",
                        baseStartSeconds, true));
                figures.add(new Figure(service + " resident memory after warm-up", "MiB", rssMiB, "bare JVM HTTP server",
                        baseRssMiB, true));
            }
            figures.add(wholeSuite(runs));
            progress("whole suite");
            return new BenchmarkResult("footprint",
                    "Start-up (launch to /q/health/ready = 200) and resident memory after " + WARM_UP_REQUESTS
                            + " requests, each service alone with the images' JVM options (" + String.join(" ", jvmOptions) + "), beside a bare JVM HTTP server",
                    Instant.now(), figures);
        } finally {
            stop(devstack);
        }
    }

    private Figure wholeSuite(int runs) throws Exception {
        List<Double> suiteMiB = new ArrayList<>();
        List<Double> bareMiB = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            suiteMiB.add(residentTogether(SERVICES.stream().map(this::serviceCommand).toList()));
            bareMiB.add(residentTogether(SERVICES.stream().map(service -> bareJvmCommand()).toList()));
        }
        return new Figure("whole suite resident memory (6 services)", "MiB", suiteMiB, "6 bare JVM HTTP servers", bareMiB, true);
    }

    private double residentTogether(List<List<String>> commands) throws Exception {
        List<Process> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (List<String> command : commands) {
                int port = freePort();
                ports.add(port);
                processes.add(start("suite-" + port, command, portsEnvironment(port)));
            }
            for (int i = 0; i < ports.size(); i++) {
                int port = ports.get(i);
                waitReady(processes.get(i), port, Instant.now().plus(START_TIMEOUT));
                warmUp(port);
            }
            double total = 0;
            for (Process process : processes) {
                total += residentMiB(process.pid());
            }
            return total;
        } finally {
            processes.forEach(Footprint::stop);
        }
    }

    private record Sample(double startSeconds, double rssMiB) {
    }

    private Sample sample(String name, List<String> command) throws Exception {
        int port = freePort();
        long started = System.nanoTime();
        Process process = start(name, command, portsEnvironment(port));
        try {
            waitReady(process, port, Instant.now().plus(START_TIMEOUT));
            double startSeconds = (System.nanoTime() - started) / 1e9;
            warmUp(port);
            return new Sample(startSeconds, residentMiB(process.pid()));
        } finally {
            stop(process);
        }
    }

    private List<String> serviceCommand(String service) {
        return java(jvmOptions, "-jar", work.resolve("apps").resolve(service).resolve("quarkus-run.jar").toString());
    }

    /**
     * Each service's packaged application, copied as hard links where possible: a module rebuilt on a shared machine
     * while this runs writes new files, and the copy keeps the ones it started with (a jar pulled from under a
     * starting JVM otherwise costs the whole start timeout).
     */
    private void snapshotApplications() throws Exception {
        Path apps = work.resolve("apps");
        run(List.of("rm", "-rf", apps.toString()));
        Files.createDirectories(apps);
        for (String service : SERVICES) {
            Path module = service.equals("gateway") ? root.resolve("gateway") : root.resolve("services").resolve(service);
            String from = module.resolve("target/quarkus-app").toString();
            String to = apps.resolve(service).toString();
            try {
                run(List.of("cp", "-al", from, to));
            } catch (IllegalStateException noHardLinks) {
                run(List.of("rm", "-rf", to));
                run(List.of("cp", "-r", from, to));
            }
        }
    }

    private List<String> bareJvmCommand() {
        return java(jvmOptions, "-cp", root.resolve("bench/target/classes").toString(), BareHttpServer.class.getName());
    }

    private static List<String> java(List<String> options, String... arguments) {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(options);
        command.addAll(List.of(arguments));
        return command;
    }

    private Process start(String name, List<String> command, Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve(name + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().putAll(extraEnvironment);
        return builder.start();
    }

    /**
     * A free HTTP port and a free management port (health lives on Quarkus's management interface). {@code port}
     * names the management port: readiness and warm-up requests go there; the bare server listens on it too.
     */
    private static Map<String, String> portsEnvironment(int managementPort) throws IOException {
        return Map.of("HTTP_PORT", String.valueOf(freePort()), "MANAGEMENT_PORT", String.valueOf(managementPort));
    }

    private void waitReady(Process process, int port, Instant deadline) throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Exited before it was ready on port " + port + " (exit " + process.exitValue()
                        + "); see " + work);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Not ready on port " + port + " within " + START_TIMEOUT);
    }

    private void warmUp(int port) throws Exception {
        HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/live"))
                .timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            http.send(live, HttpResponse.BodyHandlers.discarding());
        }
    }

    private static double residentMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("No VmRSS for " + pid);
    }

    private static void waitForPort(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("Nothing listens on " + port);
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Failed: " + command);
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
