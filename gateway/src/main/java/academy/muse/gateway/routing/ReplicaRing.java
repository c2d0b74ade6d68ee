package academy.muse.gateway.routing;

import io.vertx.core.net.SocketAddress;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Room affinity: the replicas of a WebSocket service ordered for one room by rendezvous (highest random weight)
 * hashing of the room code with each replica's address. Every gateway replica orders them the same way, so the
 * two peers of a room meet on one replica; when a replica comes or goes, only its own rooms move. The first in
 * the order is the room's replica, the others are where to go, in turn, when it cannot be reached.
 */
final class ReplicaRing {

    private final List<SocketAddress> replicas;

    ReplicaRing(List<SocketAddress> replicas) {
        this.replicas = List.copyOf(replicas);
    }

    boolean isEmpty() {
        return replicas.isEmpty();
    }

    List<SocketAddress> replicas() {
        return replicas;
    }

    /** The replicas in the order a connection for {@code room} tries them. */
    List<SocketAddress> forRoom(String room) {
        return replicas.stream()
                .sorted(Comparator.comparingLong((SocketAddress replica) -> weight(room, replica)).reversed()
                        .thenComparing(SocketAddress::toString))
                .toList();
    }

    /**
     * The room code of a WebSocket path ({@code /ws/rooms/{code}}, query left out); any other path counts as a
     * room of its own.
     */
    static String roomOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    private static long weight(String room, SocketAddress replica) {
        return mix(fnv1a(room + '\n' + replica.host() + ':' + replica.port()));
    }

    private static long fnv1a(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    /** SplitMix64's finaliser: spreads FNV's weak low bits over the whole word. */
    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
