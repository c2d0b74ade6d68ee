package academy.muse.recordings.support;

import academy.muse.mediastore.s3.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the service's media storage at a real in-process S3 API server (s3proxy). */
public class S3TestResource implements QuarkusTestResourceLifecycleManager {

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        server = S3ProxyServer.startInOwnJvm();
        return Map.of(
                "muse.media.kind", "s3",
                "muse.media.s3.endpoint", server.endpoint().toString(),
                "muse.media.s3.bucket", "recordings-test",
                "muse.media.s3.access-key-id", S3ProxyServer.ACCESS_KEY,
                "muse.media.s3.secret-access-key", S3ProxyServer.SECRET_KEY,
                "muse.media.s3.create-bucket", "true",
                "muse.media.s3.part-size", String.valueOf(5 * 1024 * 1024));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
