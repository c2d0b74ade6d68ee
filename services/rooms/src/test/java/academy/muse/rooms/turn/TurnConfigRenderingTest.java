package academy.muse.rooms.turn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** turn/render-turnserver-conf turns the template into the config an operator would expect. */
class TurnConfigRenderingTest {

    private static final Path RENDERER = Path.of("../../turn/render-turnserver-conf").toAbsolutePath().normalize();
    private static final String SECRET = "the-shared-secret-4711";

    @TempDir
    Path directory;

    private record Rendered(int exitCode, String output, Path config) {
        List<String> lines() throws IOException {
            return Files.readAllLines(config).stream().filter(line -> !line.startsWith("#") && !line.isBlank()).toList();
        }
    }

    private Rendered render(Map<String, String> settings) throws Exception {
        Path secret = directory.resolve("turn-secret");
        Files.writeString(secret, SECRET + "\n");
        Path config = directory.resolve("turnserver.conf");
        Path output = directory.resolve("render.log");
        ProcessBuilder builder = new ProcessBuilder(RENDERER.toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("TURN_SECRET_FILE", secret.toString());
        builder.environment().put("TURN_PROMETHEUS", "0");
        builder.environment().putAll(settings);
        Process process = builder.start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Rendered(process.exitValue(), Files.readString(output), config);
    }

    @Test
    void theSecretIsOnlyInTheConfigAndOnlyItsOwnerCanReadIt() throws Exception {
        Rendered rendered = render(Map.of());

        assertThat(rendered.exitCode()).isZero();
        assertThat(rendered.lines()).contains("use-auth-secret", "static-auth-secret=" + SECRET, "realm=muse.academy");
        assertThat(rendered.output()).doesNotContain(SECRET);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rendered.config()))).isEqualTo("rw-------");
    }

    @Test
    void aHomeRoutersAddressAndTheClustersPodRangeAreFilledIn() throws Exception {
        Rendered rendered = render(Map.of(
                "TURN_EXTERNAL_IPS", "198.51.100.7/192.168.1.50",
                "TURN_ALLOWED_PEER_IPS", "10.42.0.0/16 10.43.0.10"));

        assertThat(rendered.lines()).contains(
                "external-ip=198.51.100.7/192.168.1.50",
                "allowed-peer-ip=10.42.0.0-10.42.255.255",
                "allowed-peer-ip=10.43.0.10",
                "denied-peer-ip=10.0.0.0-10.255.255.255",
                "denied-peer-ip=192.168.0.0-192.168.255.255",
                "no-multicast-peers", "no-cli", "fingerprint",
                "listening-port=3478", "tls-listening-port=5349", "min-port=49160", "max-port=49200");
        assertThat(rendered.lines()).doesNotContain("allow-loopback-peers");
    }

    @Test
    void withoutACertificateTlsIsOffAndWithOneItIsOn() throws Exception {
        assertThat(render(Map.of()).lines()).contains("no-tls", "no-dtls").noneMatch(line -> line.startsWith("cert="));

        Rendered withCertificate = render(Map.of("TURN_CERT", "/tls/tls.crt", "TURN_PKEY", "/tls/tls.key"));
        assertThat(withCertificate.lines()).contains("cert=/tls/tls.crt", "pkey=/tls/tls.key")
                .doesNotContain("no-tls", "no-dtls");
    }

    @Test
    void metricsAreOnlyConfiguredWhenAskedOrSupported() throws Exception {
        assertThat(render(Map.of()).lines()).noneMatch(line -> line.startsWith("prometheus"));
        assertThat(render(Map.of("TURN_PROMETHEUS", "1")).lines()).contains("prometheus", "prometheus-port=9641");
    }

    @Test
    void nothingIsWrittenWithoutASecretOrWithABadPort() throws Exception {
        Map<String, String> noSecret = new HashMap<>();
        noSecret.put("TURN_SECRET_FILE", directory.resolve("missing").toString());
        Rendered missing = render(noSecret);
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.config()).doesNotExist();

        Rendered badPort = render(Map.of("TURN_PORT", "99999"));
        assertThat(badPort.exitCode()).isNotZero();
        assertThat(badPort.output()).contains("TURN_PORT");
    }
}
