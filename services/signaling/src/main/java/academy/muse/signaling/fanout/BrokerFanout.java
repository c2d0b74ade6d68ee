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
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Fan-out between replicas over one multicast address of the AMQP broker. Each replica attaches its own
 * non-durable topic subscription: the broker creates a temporary queue for it and deletes that queue when
 * the replica detaches or disappears, so no queue of a dead replica keeps filling up (the broker's
 * durable-queue settings apply only to durable subscriptions). Messages are non-durable and sent without
 * waiting for acknowledgement: live signaling is worthless after a few seconds.
 *
 * <p>Presence goes to every replica over the shared address. A relayed message for a participant on another
 * replica (a room split between replicas, which the gateway's room affinity makes rare) goes to that replica
 * alone, on an address of its own ({@code <address>.<replica>}, subscribed to the same temporary way), with the
 * message's text as the body and the room and addressee as application properties.
 */
public final class BrokerFanout implements RoomFanout {

    private static final Logger LOG = Logger.getLogger(BrokerFanout.class);
    private static final long RECONNECT_DELAY_MS = 1000;
    private static final String ROOM = "room";
    private static final String TO = "to";

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private final String address;
    private final ObjectMapper json;
    private volatile String replica;
    private volatile Consumer<FanoutEnvelope> receiver;
    private volatile SignalReceiver signals;
    private volatile Runnable onConnected;
    private volatile AmqpClient client;
    private volatile AmqpSender sender;
    /** Sends each signal to the address of its replica, named per message. */
    private volatile AmqpSender pointToPoint;
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
    public void subscribe(String replica, Consumer<FanoutEnvelope> receiver, SignalReceiver signals,
                          Runnable onConnected) {
        this.replica = replica;
        this.receiver = receiver;
        this.signals = signals;
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
    public void signal(String toReplica, String room, String to, String text) {
        AmqpSender current = pointToPoint;
        if (current == null) {
            LOG.debugf("Fan-out not connected; a signal for room %s not sent to replica %s", room, toReplica);
            return;
        }
        current.send(AmqpMessage.create().address(signalAddress(toReplica)).durable(false)
                .applicationProperties(new JsonObject().put(ROOM, room).put(TO, to)).withBody(text).build());
    }

    @Override
    public void close() {
        closed = true;
        sender = null;
        pointToPoint = null;
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
                    return connection.createReceiver(address, temporarySubscription())
                            .map(amqpReceiver -> amqpReceiver.handler(message -> deliver(message.bodyAsString())))
                            .compose(ignored -> connection.createReceiver(signalAddress(replica), temporarySubscription()))
                            .map(amqpReceiver -> amqpReceiver.handler(this::deliverSignal))
                            .compose(ignored -> connection.createAnonymousSender())
                            .map(anonymous -> pointToPoint = anonymous)
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
        pointToPoint = null;
        client = null;
        LOG.warnf("Signaling fan-out connection lost (%s); reconnecting", failure == null ? "closed" : failure.getMessage());
        lostClient.close();
        vertx.setTimer(RECONNECT_DELAY_MS, id -> connect());
    }

    /** Non-durable and topic-like: the broker deletes this replica's queue when it detaches or dies. */
    private static AmqpReceiverOptions temporarySubscription() {
        return new AmqpReceiverOptions().setDurable(false).addCapability("topic").setAutoAcknowledgement(true);
    }

    private String signalAddress(String toReplica) {
        return address + "." + toReplica;
    }

    private void deliverSignal(AmqpMessage message) {
        JsonObject properties = message.applicationProperties();
        if (properties == null || properties.getString(ROOM) == null || properties.getString(TO) == null) {
            LOG.warn("Ignored a signal from another replica without its room and addressee");
            return;
        }
        try {
            signals.deliver(properties.getString(ROOM), properties.getString(TO), message.bodyAsString());
        } catch (RuntimeException e) {
            LOG.errorf(e, "A signal from another replica could not be delivered");
        }
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
