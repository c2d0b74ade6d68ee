package academy.muse.signaling.config;

import academy.muse.platform.outbox.BrokerConfig;
import academy.muse.signaling.fanout.BrokerFanout;
import academy.muse.signaling.fanout.LocalFanout;
import academy.muse.signaling.fanout.RoomFanout;
import academy.muse.signaling.room.Attendance;
import academy.muse.signaling.room.Limits;
import academy.muse.signaling.room.RoomHub;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the room logic and the fan-out chosen by {@code muse.signaling.fanout}. */
@Singleton
public class SignalingBeans {

    @Produces
    @Singleton
    RoomFanout fanout(SignalingConfig config, Vertx vertx, ObjectMapper json, BrokerConfig broker) {
        return switch (config.fanout()) {
            case local -> new LocalFanout();
            case broker -> new BrokerFanout(vertx, broker.host(), broker.port(), broker.username(), broker.password(),
                    config.fanoutAddress(), json);
        };
    }

    @Produces
    @Singleton
    RoomHub hub(RoomFanout fanout, Attendance attendance, SignalingConfig config, ObjectMapper json, Clock clock) {
        return new RoomHub(fanout, attendance, Limits.of(config), json, clock).start();
    }

    void closeHub(@Disposes RoomHub hub) {
        hub.close();
    }

    /** Joins the fan-out at startup rather than at the first connection, and exposes its size as metrics. */
    void startHub(@Observes StartupEvent started, RoomHub hub, MeterRegistry metrics) {
        Gauge.builder("signaling.connections", hub, RoomHub::connectionCount)
                .description("WebSocket connections held by this replica").register(metrics);
        Gauge.builder("signaling.rooms", hub, RoomHub::roomCount)
                .description("Rooms with participants connected to this replica").register(metrics);
    }
}
