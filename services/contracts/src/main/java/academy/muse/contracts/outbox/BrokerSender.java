package academy.muse.contracts.outbox;

import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpMessage;
import io.vertx.amqp.AmqpSender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One AMQP 1.0 connection with an anonymous sender, used by the outbox relay. A send is complete only
 * when the broker has accepted the durable message. After any failure the connection is dropped and the
 * next send reconnects, so the relay recovers by itself when the broker comes back.
 */
@ApplicationScoped
public class BrokerSender {

    private static final Logger LOG = Logger.getLogger(BrokerSender.class);

    private final Vertx vertx;
    private final AmqpClientOptions options;
    private AmqpClient client;
    private AmqpSender sender;

    BrokerSender(Vertx vertx,
                 @ConfigProperty(name = "amqp-host", defaultValue = "localhost") String host,
                 @ConfigProperty(name = "amqp-port", defaultValue = "5672") int port,
                 @ConfigProperty(name = "amqp-username") Optional<String> username,
                 @ConfigProperty(name = "amqp-password") Optional<String> password) {
        this.vertx = vertx;
        this.options = new AmqpClientOptions().setHost(host).setPort(port).setConnectTimeout(3000)
                .setReconnectAttempts(0);
        username.ifPresent(options::setUsername);
        password.ifPresent(options::setPassword);
    }

    /** Sends one durable message and waits until the broker has accepted it. */
    public synchronized void send(String address, String messageId, String contentType, String body, Duration timeout)
            throws BrokerUnavailableException {
        try {
            AmqpMessage message = AmqpMessage.create().address(address).id(messageId).durable(true)
                    .contentType(contentType).withBody(body).build();
            senderOrConnect(timeout).sendWithAck(message).toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            disconnect();
            throw new BrokerUnavailableException("Interrupted while sending to " + address, e);
        } catch (Exception e) {
            disconnect();
            throw new BrokerUnavailableException("Broker did not accept a message for " + address, e);
        }
    }

    /** True while a connection to the broker is open. */
    public synchronized boolean isConnected() {
        return sender != null && !sender.connection().isDisconnected();
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
