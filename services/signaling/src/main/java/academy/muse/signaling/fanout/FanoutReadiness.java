package academy.muse.signaling.fanout;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A replica that cannot reach the others must not take connections: its rooms would be split. */
@Readiness
@ApplicationScoped
public class FanoutReadiness implements HealthCheck {

    private final RoomFanout fanout;

    FanoutReadiness(RoomFanout fanout) {
        this.fanout = fanout;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = !(fanout instanceof BrokerFanout broker) || broker.isConnected();
        return HealthCheckResponse.named("signaling-fanout").status(up).withData("kind",
                fanout instanceof BrokerFanout ? "broker" : "local").build();
    }
}
