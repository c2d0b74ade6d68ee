package academy.muse.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.time.Duration;

/**
 * Ready only while the broker is reachable. Events are not lost meanwhile (they wait in the outbox),
 * but a replica that cannot reach the broker should not take new work.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

    private final BrokerSender broker;
    private final Outbox outbox;

    BrokerReadinessCheck(BrokerSender broker, Outbox outbox) {
        this.broker = broker;
        this.outbox = outbox;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = broker.isConnected() || broker.tryConnect(Duration.ofSeconds(2));
        return HealthCheckResponse.named("broker")
                .status(up)
                .withData("outboxPending", outbox.pendingCount())
                .build();
    }
}
