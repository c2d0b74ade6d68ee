package academy.muse.localrun;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * The ports run-suite takes with {@code MUSE_PORT_BASE=base}: the gateway on the base, the services on base+1..5,
 * their management interfaces 1000 above, devstack on base+10..13, coturn on base+14 (TCP and UDP) and base+15.
 */
record Ports(int base) {

    private static final List<String> APPS = List.of("gateway", "scheduling", "rooms", "signaling", "recordings", "vod");

    /** A base whose every port is free now, picked at random so that two runs on one machine rarely meet. */
    static Ports free() {
        for (int attempt = 0; attempt < 50; attempt++) {
            Ports candidate = new Ports(ThreadLocalRandom.current().nextInt(200, 400) * 100);
            if (candidate.all().stream().allMatch(Ports::isFree) && isFreeForUdp(candidate.base + 14)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free range of ports between 20000 and 41100 after 50 tries");
    }

    int gateway() {
        return base;
    }

    int management(String app) {
        return base + APPS.indexOf(app) + 1000;
    }

    /** Every TCP port the suite listens on. */
    List<Integer> all() {
        return IntStream.concat(IntStream.concat(IntStream.rangeClosed(base, base + 5), IntStream.rangeClosed(base + 1000, base + 1005)),
                IntStream.rangeClosed(base + 10, base + 15)).boxed().toList();
    }

    /** Nothing listens on the port on loopback (a socket in TIME_WAIT does not count, as for any server). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean isFreeForUdp(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
            return socket.isBound();
        } catch (IOException taken) {
            return false;
        }
    }
}
