package academy.muse.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.util.Optional;

/**
 * Where the AMQP broker is, under the same top-level {@code amqp-*} keys the AMQP connector reads (set through
 * {@code AMQP_HOST}, {@code AMQP_PORT}, {@code AMQP_USERNAME}, {@code AMQP_PASSWORD}), so that the outbox relay and
 * signaling's fan-out connect where the connector does.
 */
@ConfigMapping(prefix = "")
public interface BrokerConfig {

    /** The broker's host name. */
    @WithName("amqp-host")
    @WithDefault("localhost")
    String host();

    /** The broker's AMQP port. */
    @WithName("amqp-port")
    @WithDefault("5672")
    int port();

    /** The user to connect as; none for a broker that takes anonymous connections. */
    @WithName("amqp-username")
    Optional<String> username();

    /** That user's password. */
    @WithName("amqp-password")
    Optional<String> password();
}
