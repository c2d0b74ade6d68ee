package academy.muse.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** The replicas of the WebSocket service, among which each room gets one (room affinity). */
    Replicas websocketReplicas();

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

    /**
     * Where the replicas of the WebSocket service are. The gateway sends every connection of one room to the same
     * replica (a consistent hash of the room code over the ready replicas), so that the two peers of a room meet on
     * one replica and their messages never cross the broker. Without either key below, every connection goes to
     * the service's one address ({@link #services()}).
     */
    interface Replicas {

        /**
         * In the cluster: a headless Service whose DNS name resolves to the address of every ready replica, e.g.
         * {@code signaling-replicas}; resolved again every {@link #refreshInterval()}.
         */
        Optional<String> headlessService();

        /** The replicas' port when they are found by {@link #headlessService()}. */
        @WithDefault("8080")
        int port();

        /**
         * Locally: the replicas' addresses, e.g. {@code http://127.0.0.1:8083,http://127.0.0.1:8093}. Ignored when
         * {@link #headlessService()} is set.
         */
        Optional<List<URI>> endpoints();

        /** How often the headless Service's name is resolved again (replicas come, go, turn ready or not). */
        @WithDefault("5s")
        Duration refreshInterval();
    }
}
