package academy.muse.signaling.fanout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Fan-out inside one process: every subscriber gets every envelope, in publishing order. With a single
 * replica the only subscriber is that replica, and the whole room lives in its memory.
 */
public final class LocalFanout implements RoomFanout {

    private final List<Consumer<FanoutEnvelope>> receivers = new CopyOnWriteArrayList<>();
    private final Map<String, SignalReceiver> signalReceivers = new ConcurrentHashMap<>();
    // Delivered on one thread of its own, never on the publisher's: a publisher holds its room lock.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signaling-local-fanout");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void subscribe(String replica, Consumer<FanoutEnvelope> receiver, SignalReceiver signals,
                          Runnable onConnected) {
        receivers.add(receiver);
        signalReceivers.put(replica, signals);
        onConnected.run();
    }

    @Override
    public void publish(FanoutEnvelope envelope) {
        if (!delivery.isShutdown()) {
            delivery.execute(() -> receivers.forEach(receiver -> receiver.accept(envelope)));
        }
    }

    @Override
    public void signal(String replica, String room, String to, String text) {
        SignalReceiver receiver = signalReceivers.get(replica);
        if (receiver != null && !delivery.isShutdown()) {
            delivery.execute(() -> receiver.deliver(room, to, text));
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
