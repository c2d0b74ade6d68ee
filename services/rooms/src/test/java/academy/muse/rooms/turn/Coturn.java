package academy.muse.rooms.turn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn on loopback, configured from the project's own template by the project's own renderer, the
 * way a cluster's coturn is. The test's only additions: loopback ports, loopback peers allowed (the
 * template denies 127.0.0.0/8; 127.0.0.1 stands in for the cluster's pod range here, 127.0.0.2 for the
 * home network) and verbose logging, so that the server's answers can be read from its log.
 */
final class Coturn implements AutoCloseable {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Path RENDERER = Path.of("../../turn/render-turnserver-conf").toAbsolutePath().normalize();

    private final Process process;
    private final Path log;
    private final int port;

    private Coturn(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/turnserver")) && Files.isExecutable(Path.of("/usr/bin/turnutils_uclient"));
    }

    static Coturn start(Path secretFile) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("rooms-coturn");
        Path config = directory.resolve("turnserver.conf");
        int port = freePort();
        int relayFrom = 50_000 + ThreadLocalRandom.current().nextInt(0, 150) * 60;
        run(List.of(RENDERER.toString(), config.toString()), Map.of(
                "TURN_SECRET_FILE", secretFile.toString(),
                "TURN_LISTENING_IPS", LOOPBACK,
                "TURN_RELAY_IPS", LOOPBACK,
                "TURN_PORT", String.valueOf(port),
                "TURN_MIN_PORT", String.valueOf(relayFrom),
                "TURN_MAX_PORT", String.valueOf(relayFrom + 50),
                "TURN_ALLOWED_PEER_IPS", LOOPBACK,
                "TURN_ALLOW_LOOPBACK_PEERS", "1",
                "TURN_PIDFILE", directory.resolve("turnserver.pid").toString(),
                "TURN_PROMETHEUS", "0"));
        Files.writeString(config, "verbose\n", StandardOpenOption.APPEND);
        Path log = directory.resolve("turnserver.log");
        Process process = new ProcessBuilder("turnserver", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Coturn coturn = new Coturn(process, log, port);
        coturn.awaitListening();
        return coturn;
    }

    int port() {
        return port;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Starts turnutils_peer, coturn's own UDP echo peer, on loopback. */
    static Process echoPeer(int port) throws IOException {
        return new ProcessBuilder("turnutils_peer", "-L", LOOPBACK, "-p", String.valueOf(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Runs turnutils_uclient: allocate a relay with these credentials, then send a few messages to the peer. */
    Result allocateAndSend(String username, String password, String peerAddress, int peerPort)
            throws IOException, InterruptedException {
        return run(List.of("turnutils_uclient", "-v", "-u", username, "-w", password, "-p", String.valueOf(port),
                "-e", peerAddress, "-r", String.valueOf(peerPort), "-n", "3", "-m", "1", LOOPBACK), Map.of());
    }

    record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        Path output = Files.createTempFile("rooms-coturn-run", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish within 60 s");
        }
        Result result = new Result(process.exitValue(), Files.readString(output));
        Files.deleteIfExists(output);
        return result;
    }

    private void awaitListening() throws InterruptedException, IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("turnserver exited: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("turnserver did not listen on " + port);
    }

    /** A port free for both TCP and UDP (and the next one, which turnutils_peer also takes). */
    static int freePort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getByName(LOOPBACK));
                 DatagramSocket next = new DatagramSocket(tcp.getLocalPort() + 1, InetAddress.getByName(LOOPBACK))) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new UncheckedIOException(new IOException("no free loopback port"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
