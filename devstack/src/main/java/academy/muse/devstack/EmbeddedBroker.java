package academy.muse.devstack;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * A real ActiveMQ Artemis broker in this JVM, speaking AMQP 1.0.
 *
 * <p>The address settings are the ones the services rely on (the Helm chart's broker.xml mirrors them):
 * addresses and queues are created on first use as multicast, and a consumer's durable queue is never
 * deleted when its consumers go away, so events published while a service is down wait for it.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
    private final int port;

    private EmbeddedBroker(Configuration configuration, int port) {
        this.port = port;
        broker.setConfiguration(configuration);
    }

    /** A broker with a persistent journal under {@code dataDirectory}, or in memory when it is null. */
    public static EmbeddedBroker create(Path dataDirectory, String host, int port) {
        ConfigurationImpl configuration = new ConfigurationImpl();
        configuration.setName("muse-devstack");
        configuration.setSecurityEnabled(false);
        configuration.setJMXManagementEnabled(false);
        configuration.setPersistenceEnabled(dataDirectory != null);
        if (dataDirectory != null) {
            configuration.setJournalDirectory(dataDirectory.resolve("journal").toString());
            configuration.setBindingsDirectory(dataDirectory.resolve("bindings").toString());
            configuration.setLargeMessagesDirectory(dataDirectory.resolve("large-messages").toString());
            configuration.setPagingDirectory(dataDirectory.resolve("paging").toString());
        }
        try {
            configuration.addAcceptorConfiguration("amqp", "tcp://" + host + ":" + port + "?protocols=AMQP");
        } catch (Exception e) {
            throw new IllegalArgumentException("Bad acceptor address " + host + ":" + port, e);
        }
        configuration.addAddressSetting("#", new AddressSettings()
                .setAutoCreateAddresses(true)
                .setAutoCreateQueues(true)
                .setAutoDeleteAddresses(false)
                .setAutoDeleteQueues(false)
                .setDefaultAddressRoutingType(RoutingType.MULTICAST)
                .setDefaultQueueRoutingType(RoutingType.MULTICAST));
        return new EmbeddedBroker(configuration, port);
    }

    public EmbeddedBroker start() {
        try {
            broker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis did not start on port " + port, e);
        }
        return this;
    }

    public int port() {
        return port;
    }

    public boolean isRunning() {
        return broker.getActiveMQServer() != null && broker.getActiveMQServer().isActive();
    }

    /** The names of the queues currently bound to an address (subscriptions), for tests that inspect them. */
    public List<String> queueNames(String address) {
        try {
            return broker.getActiveMQServer().bindingQuery(SimpleString.of(address))
                    .getQueueNames().stream().map(Object::toString).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot list the queues of " + address, e);
        }
    }

    @Override
    public void close() {
        try {
            broker.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Artemis did not stop cleanly", e);
        }
    }
}
