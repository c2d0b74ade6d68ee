package academy.muse.gateway.routing;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway never routes a service's {@code /internal} or {@code /q}, nor serves its own {@code /q}, however the
 * path is spelt. Requests go over a raw socket so that no client library tidies the path first; the stub
 * service behind the gateway echoes what reaches it, so "not forwarded" is visible.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubServiceResource.class)
class HiddenPathsTest {

    @TestHTTPResource("/")
    URI gateway;

    @ParameterizedTest
    @ValueSource(strings = {
            "/api/scheduling/internal/rooms/occ-1",
            "/api/scheduling/INTERNAL/rooms/occ-1",
            "/api/scheduling/%69nternal/rooms/occ-1",
            "/api/scheduling/%2569nternal/rooms/occ-1",
            "/api/scheduling//internal/rooms/occ-1",
            "/api/scheduling/./internal/rooms/occ-1",
            "/api/scheduling/lessons/../internal/rooms/occ-1",
            "/api/scheduling/lessons/%2e%2e/internal/rooms/occ-1",
            "/api/scheduling/lessons/..%2finternal/rooms/occ-1",
            "/api/scheduling/lessons%5c..%5cinternal/rooms/occ-1",
            "/api/scheduling/internal;v=1/rooms/occ-1",
            "/api/scheduling/lessons/..;/internal/rooms/occ-1",
            "/api/scheduling/q/metrics",
            "/api/vod/q/openapi",
            "/api/recordings/Q/health/ready",
            "/api/scheduling/%71/metrics",
            "/media/../internal/assets",
            "/media/..%2Fq/metrics",
            "/ws/../q/health",
            "/q/health/ready",
            "/q/metrics",
            "/q/openapi",
            "/Q/metrics",
            "/%71/metrics",
    })
    void neverRoutesInternalOrManagementPaths(String path) throws IOException {
        String answer = rawGet(path);

        assertThat(answer).startsWith("HTTP/1.1 404");
        assertThat(answer).contains("application/problem+json").doesNotContain("\"uri\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/scheduling/lessons/internal-notes", "/api/scheduling/lessons/q"})
    void stillRoutesPathsThatOnlyLookAlike(String path) throws IOException {
        assertThat(rawGet(path)).startsWith("HTTP/1.1 200").contains("\"uri\"");
    }

    private String rawGet(String path) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
