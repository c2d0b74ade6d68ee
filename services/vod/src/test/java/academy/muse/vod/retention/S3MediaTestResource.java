package academy.muse.vod.retention;

import academy.muse.mediastore.s3.S3ProxyServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points vod's media storage at a real S3 API server (s3proxy, in its own JVM: see {@link S3ProxyServer}). */
public class S3MediaTestResource implements QuarkusTestResourceLifecycleManager {

    private S3ProxyServer server;

    @Override
    public Map<String, String> start() {
        server = S3ProxyServer.startInOwnJvm();
        return server.mediaConfig("vod-test");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
