package academy.muse.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The replicas of the WebSocket service, as a {@link ReplicaRing} that is kept current: in the cluster the
 * addresses of a headless Service's ready pods (resolved by DNS every refresh interval, off the event loop),
 * locally a configured list, and without either the one configured service address.
 */
final class WebSocketReplicas {

    private static final Logger LOG = Logger.getLogger(WebSocketReplicas.class);

    private volatile ReplicaRing ring;

    private WebSocketReplicas(ReplicaRing ring) {
        this.ring = ring;
    }

    static WebSocketReplicas of(Vertx vertx, URI service, RoutesConfig.Replicas config) {
        if (config.headlessService().isPresent()) {
            String name = config.headlessService().get();
            WebSocketReplicas replicas = new WebSocketReplicas(new ReplicaRing(List.of()));
            replicas.resolve(vertx, name, config.port());
            vertx.setPeriodic(config.refreshInterval().toMillis(), id -> replicas.resolve(vertx, name, config.port()));
            return replicas;
        }
        List<URI> endpoints = config.endpoints().filter(list -> !list.isEmpty()).orElse(List.of(service));
        return new WebSocketReplicas(new ReplicaRing(endpoints.stream()
                .map(uri -> SocketAddress.inetSocketAddress(ServiceProxy.port(uri), uri.getHost())).toList()));
    }

    ReplicaRing ring() {
        return ring;
    }

    private void resolve(Vertx vertx, String name, int port) {
        vertx.executeBlocking(() -> Arrays.stream(InetAddress.getAllByName(name))
                        .map(address -> SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                        .sorted(Comparator.comparing(SocketAddress::toString)).toList(), false)
                .onSuccess(found -> {
                    if (!found.equals(ring.replicas())) {
                        LOG.infof("WebSocket replicas behind %s: %s", name, found);
                        ring = new ReplicaRing(found);
                    }
                })
                .onFailure(failure -> {
                    // An unknown name means no ready replica right now: keep none rather than stale ones.
                    if (failure instanceof UnknownHostException && !ring.isEmpty()) {
                        LOG.warnf("No ready WebSocket replica behind %s", name);
                        ring = new ReplicaRing(List.of());
                    } else if (!(failure instanceof UnknownHostException)) {
                        LOG.warnf("Could not resolve the WebSocket replicas behind %s: %s", name, failure.getMessage());
                    }
                });
    }
}
