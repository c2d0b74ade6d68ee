package academy.muse.gateway.routing;

import io.vertx.core.net.SocketAddress;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Room affinity: the gateway picks each room's signaling replica by a consistent hash of the room code. */
class WebSocketReplicaRingTest {

    private static final SocketAddress A = SocketAddress.inetSocketAddress(8080, "10.42.0.11");
    private static final SocketAddress B = SocketAddress.inetSocketAddress(8080, "10.42.1.7");
    private static final SocketAddress C = SocketAddress.inetSocketAddress(8080, "10.42.2.30");
    private static final List<String> ROOMS = IntStream.range(0, 3000).mapToObj(i -> "room-" + i).toList();

    @Test
    void bothPeersOfARoomMeetOnOneReplicaWhateverOrderTheReplicasAreListedIn() {
        ReplicaRing one = new ReplicaRing(List.of(A, B, C));
        ReplicaRing another = new ReplicaRing(List.of(C, A, B));

        for (String room : ROOMS) {
            assertThat(another.forRoom(room).get(0)).isEqualTo(one.forRoom(room).get(0));
        }
    }

    @Test
    void roomsAreSpreadOverEveryReplica() {
        ReplicaRing ring = new ReplicaRing(List.of(A, B, C));
        Map<SocketAddress, Integer> rooms = new HashMap<>();

        ROOMS.forEach(room -> rooms.merge(ring.forRoom(room).get(0), 1, Integer::sum));

        assertThat(rooms).containsOnlyKeys(A, B, C);
        rooms.values().forEach(count -> assertThat(count).isBetween(800, 1200));
    }

    @Test
    void whenAReplicaGoesOnlyItsOwnRoomsMoveAndTheyMoveToTheirNextInOrder() {
        ReplicaRing before = new ReplicaRing(List.of(A, B, C));
        ReplicaRing after = new ReplicaRing(List.of(A, C));

        for (String room : ROOMS) {
            List<SocketAddress> order = before.forRoom(room);
            SocketAddress now = after.forRoom(room).get(0);
            if (order.get(0).equals(B)) {
                assertThat(now).isEqualTo(order.get(1));
            } else {
                assertThat(now).isEqualTo(order.get(0));
            }
        }
    }

    @Test
    void theRoomIsTheLastSegmentOfTheSignalingPath() {
        assertThat(ReplicaRing.roomOf("/ws/rooms/abc-defg-hij")).isEqualTo("abc-defg-hij");
    }
}
