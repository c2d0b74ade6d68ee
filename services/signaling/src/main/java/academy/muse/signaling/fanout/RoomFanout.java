package academy.muse.signaling.fanout;

import java.util.function.Consumer;

/**
 * How signaling replicas reach each other. One replica uses {@link LocalFanout}; several replicas that
 * share rooms use {@link BrokerFanout}. Delivery is best effort and in order per sender: presence is
 * repaired by periodic snapshots, and WebRTC negotiation by the clients.
 */
public interface RoomFanout extends AutoCloseable {

    /**
     * Starts delivering every envelope published by any replica (this one included) to {@code receiver}.
     * {@code onConnected} runs each time this replica (re)joins the fan-out, when it may have missed envelopes.
     */
    void subscribe(Consumer<FanoutEnvelope> receiver, Runnable onConnected);

    /** Hands an envelope to every subscribed replica without waiting. */
    void publish(FanoutEnvelope envelope);

    @Override
    void close();
}
