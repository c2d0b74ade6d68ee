package academy.muse.signaling.fanout;

import java.util.List;
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
    // Delivered on one thread of its own, never on the publisher's: a publisher holds its room lock.
    private final ExecutorService delivery = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "signaling-local-fanout");
        thread.setDaemon(true);
        return thread;
    });

    @Override
    public void subscribe(Consumer<FanoutEnvelope> receiver, Runnable onConnected) {
        receivers.add(receiver);
        onConnected.run();
    }

    @Override
    public void publish(FanoutEnvelope envelope) {
        if (!delivery.isShutdown()) {
            delivery.execute(() -> receivers.forEach(receiver -> receiver.accept(envelope)));
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
