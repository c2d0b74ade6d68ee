package academy.muse.scheduling.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points scheduling's rooms client at {@link StubRooms}. */
public class StubRoomsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        int port = StubRooms.instance().start();
        return Map.of("quarkus.rest-client.rooms.url", "http://127.0.0.1:" + port);
    }

    @Override
    public void stop() {
        StubRooms.instance().stop();
    }
}
