package academy.muse.signaling.fanout;

import java.util.function.Consumer;

/**
 * How signaling replicas reach each other. One replica uses {@link LocalFanout}; several replicas that
 * share rooms use {@link BrokerFanout}. Delivery is best effort and in order per sender: presence is
 * repaired by periodic snapshots, and WebRTC negotiation by the clients.
 */
public interface RoomFanout extends AutoCloseable {

    /**
     * Starts delivering every envelope published by any replica (this one included) to {@code receiver}, and
     * every signal addressed to {@code replica} to {@code signals}. {@code onConnected} runs each time this
     * replica (re)joins the fan-out, when it may have missed envelopes.
     */
    void subscribe(String replica, Consumer<FanoutEnvelope> receiver, SignalReceiver signals, Runnable onConnected);

    /** Hands an envelope to every subscribed replica without waiting. */
    void publish(FanoutEnvelope envelope);

    /**
     * Hands one relayed message to the one replica that holds its addressee, without waiting: the message's own
     * text is the body, nothing is wrapped around it. Only a room split between replicas needs this.
     */
    void signal(String replica, String room, String to, String text);

    @Override
    void close();

    /** Delivers a signal to its addressee on this replica. */
    @FunctionalInterface
    interface SignalReceiver {

        void deliver(String room, String to, String text);
    }
}
