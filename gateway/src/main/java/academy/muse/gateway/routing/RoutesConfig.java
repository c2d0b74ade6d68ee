package academy.muse.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the gateway forwards. Locally each service listens on its own loopback port (see docs/ports.md);
 * in the cluster each is its Kubernetes Service name.
 */
@ConfigMapping(prefix = "muse.gateway")
public interface RoutesConfig {

    /**
     * The services by public name: {@code /api/<name>/<path>} goes to {@code <path>} on that service,
     * e.g. {@code muse.gateway.services.rooms=http://rooms:8080}.
     */
    Map<String, URI> services();

    /** The service that serves {@code /ws/*} (the WebSocket upgrade is forwarded). */
    @WithDefault("signaling")
    String websocketService();

    /** The service that serves {@code /media/*} (manifests and segments). */
    @WithDefault("vod")
    String mediaService();

    /** How long connecting to a service may take before the caller gets a 503. */
    @WithDefault("2s")
    Duration connectTimeout();

    /**
     * How many WebSockets the gateway forwards to the WebSocket service at once (each holds a connection of its
     * own to the service); an upgrade beyond that is refused with 503 rather than kept waiting.
     */
    @WithDefault("10000")
    int maxWebSockets();

    /** How long a forwarded request may stay silent (no bytes either way) before it is abandoned. */
    @WithDefault("60s")
    Duration idleTimeout();
}
