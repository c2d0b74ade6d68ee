package academy.muse.platform.outbox;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One AMQP 1.0 connection with an anonymous sender, used by the outbox relay. A send is complete only
 * when the broker has accepted the durable message; a batch is sent in one go and its acknowledgements are
 * awaited together. After any failure the connection is dropped and the
 * next send reconnects, so the relay recovers by itself when the broker comes back.
 */
@ApplicationScoped
public class BrokerSender {

    private static final Logger LOG = Logger.getLogger(BrokerSender.class);

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private AmqpClient client;
    /** Read without the lock by {@link #isConnected()}, so that a readiness check never waits for a batch in flight. */
    private volatile AmqpSender sender;

    BrokerSender(Vertx vertx, BrokerConfig broker) {
        this.vertx = vertx;
        this.options = new AmqpClientOptions().setHost(broker.host()).setPort(broker.port()).setConnectTimeout(3000)
                .setReconnectAttempts(0);
        broker.username().ifPresent(options::setUsername);
        broker.password().ifPresent(options::setPassword);
    }

    /** Sends one durable message and waits until the broker has accepted it. */
    public synchronized void send(String address, String messageId, String contentType, String body, Duration timeout)
            throws BrokerUnavailableException {
        List<Message> one = List.of(new Message(address, messageId, contentType, body));
        if (sendAll(one, timeout).isEmpty()) {
            throw new BrokerUnavailableException("Broker did not accept a message for " + address, null);
        }
    }

    /** One durable message to send: its address, id (the event id), content type and body. */
    public record Message(String address, String id, String contentType, String body) {
    }

    /**
     * Sends all messages at once, without waiting between them, then waits once (at most {@code timeout}) for the
     * broker's acknowledgements. Returns the ids of the messages the broker accepted; any that it did not accept in
     * time are left out, and the connection is dropped so that the next send reconnects.
     */
    public synchronized List<String> sendAll(List<Message> messages, Duration timeout) throws BrokerUnavailableException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AmqpSender connected;
        try {
            connected = senderOrConnect(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect();
            throw new BrokerUnavailableException("Interrupted while connecting to the broker", e);
        } catch (Exception e) {
            disconnect();
            throw new BrokerUnavailableException("Broker not reachable", e);
        }
        Map<String, CompletableFuture<Void>> acknowledgements = new LinkedHashMap<>();
        for (Message message : messages) {
            acknowledgements.put(message.id(), sendWithAck(connected, message));
        }
        try {
            CompletableFuture.allOf(acknowledgements.values().toArray(CompletableFuture[]::new))
                    .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debugf("The broker did not accept every message of a batch: %s", e.toString());
        }
        List<String> accepted = acknowledgements.entrySet().stream()
                .filter(sent -> sent.getValue().isDone() && !sent.getValue().isCompletedExceptionally())
                .map(Map.Entry::getKey).toList();
        if (accepted.size() < messages.size()) {
            disconnect();
        }
        return accepted;
    }

    private static CompletableFuture<Void> sendWithAck(AmqpSender sender, Message message) {
        try {
            return sender.sendWithAck(AmqpMessage.create().address(message.address()).id(message.id()).durable(true)
                    .contentType(message.contentType()).withBody(message.body()).build()).toCompletionStage().toCompletableFuture();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** True while a connection to the broker is open. */
    public boolean isConnected() {
        AmqpSender current = sender;
        return current != null && !current.connection().isDisconnected();
    }

    /** Opens the connection if it is not open; used by the readiness check. */
    public synchronized boolean tryConnect(Duration timeout) {
        try {
            senderOrConnect(timeout);
            return true;
        } catch (Exception e) {
            disconnect();
            return false;
        }
    }

    private AmqpSender senderOrConnect(Duration timeout) throws Exception {
        if (isConnected()) {
            return sender;
        }
        disconnect();
        client = AmqpClient.create(vertx, options);
        Future<AmqpSender> opened = client.connect().compose(connection -> {
            connection.exceptionHandler(error -> LOG.debugf("AMQP connection error: %s", error.getMessage()));
            return connection.createAnonymousSender();
        });
        sender = opened.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        LOG.infof("Connected to the broker at %s:%d", options.getHost(), options.getPort());
        return sender;
    }

    @PreDestroy
    synchronized void disconnect() {
        sender = null;
        if (client != null) {
            AmqpClient closing = client;
            client = null;
            closing.close();
        }
    }

    /** The broker is down or refused the message; the event stays in the outbox. */
    public static class BrokerUnavailableException extends Exception {
        public BrokerUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
