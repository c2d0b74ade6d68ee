package academy.muse.signaling.fanout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpConnection;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fan-out between replicas over one multicast address of the AMQP broker. Each replica attaches its own
 * non-durable topic subscription: the broker creates a temporary queue for it and deletes that queue when
 * the replica detaches or disappears, so no queue of a dead replica keeps filling up (the broker's
 * durable-queue settings apply only to durable subscriptions). Messages are non-durable and sent without
 * waiting for acknowledgement: live signaling is worthless after a few seconds.
 */
public final class BrokerFanout implements RoomFanout {

    private static final Logger LOG = Logger.getLogger(BrokerFanout.class);
    private static final long RECONNECT_DELAY_MS = 1000;

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private final String address;
    private final ObjectMapper json;
    private volatile Consumer<FanoutEnvelope> receiver;
    private volatile Runnable onConnected;
    private volatile AmqpClient client;
    private volatile AmqpSender sender;
    private volatile boolean closed;

    public BrokerFanout(Vertx vertx, String host, int port, Optional<String> username, Optional<String> password,
                        String address, ObjectMapper json) {
        this.vertx = vertx;
        this.address = address;
        this.json = json;
        this.options = new AmqpClientOptions().setHost(host).setPort(port).setConnectTimeout(3000)
                .setReconnectAttempts(0);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
    }

    @Override
    public void subscribe(Consumer<FanoutEnvelope> receiver, Runnable onConnected) {
        this.receiver = receiver;
        this.onConnected = onConnected;
        connect();
    }

    /** True while this replica is attached to the fan-out address (its readiness depends on it). */
    public boolean isConnected() {
        return sender != null;
    }

    @Override
    public void publish(FanoutEnvelope envelope) {
        AmqpSender current = sender;
        if (current == null) {
            LOG.debugf("Fan-out not connected; %s for room %s not sent to other replicas", envelope.kind(), envelope.room());
            return;
        }
        current.send(AmqpMessage.create().durable(false).withBody(write(envelope)).build());
    }

    @Override
    public void close() {
        closed = true;
        sender = null;
        AmqpClient current = client;
        if (current != null) {
            current.close();
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        AmqpClient newClient = AmqpClient.create(vertx, options);
        client = newClient;
        newClient.connect()
                .compose(connection -> {
                    connection.exceptionHandler(failure -> connectionLost(newClient, failure));
                    return connection.createReceiver(address, new AmqpReceiverOptions()
                                    .setDurable(false)
                                    .addCapability("topic")
                                    .setAutoAcknowledgement(true))
                            .map(amqpReceiver -> amqpReceiver.handler(message -> deliver(message.bodyAsString())))
                            .compose(ignored -> connection.createSender(address))
                            .onSuccess(ignored -> connection.closeFuture().onComplete(
                                    done -> connectionLost(newClient, null)));
                })
                .onSuccess(newSender -> {
                    sender = newSender;
                    LOG.infof("Joined the signaling fan-out on %s", address);
                    onConnected.run();
                })
                .onFailure(failure -> connectionLost(newClient, failure));
    }

    private void connectionLost(AmqpClient lostClient, Throwable failure) {
        if (closed || lostClient != client) {
            return;
        }
        sender = null;
        client = null;
        LOG.warnf("Signaling fan-out connection lost (%s); reconnecting", failure == null ? "closed" : failure.getMessage());
        lostClient.close();
        vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
    }

    private void deliver(String body) {
        try {
            receiver.accept(json.readValue(body, FanoutEnvelope.class));
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignored an unreadable fan-out message: %s", e.getOriginalMessage());
        } catch (RuntimeException e) {
            LOG.errorf(e, "A fan-out message could not be applied");
        }
    }

    private String write(FanoutEnvelope envelope) {
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A fan-out envelope cannot be written as JSON", e);
        }
    }
}
