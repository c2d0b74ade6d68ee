package academy.muse.mediastore.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Flushes an append's bytes to disk while later bytes still arrive, so that the fsync before the append returns
 * (and the client's bytes are acknowledged) writes only the tail instead of the whole request: receiving and the
 * disk work side by side, as {@code dd} has them. A failed early flush fails the append: the error may be reported
 * only once per open file, so the final fsync alone might not see it.
 */
final class EarlyFlush {

    /** How many written bytes start a flush in the background (one at a time per append). */
    static final long EVERY = 4L * 1024 * 1024;

    private static final Executor FLUSHERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "media-early-flush");
        thread.setDaemon(true);
        return thread;
    });

    private final FileChannel channel;
    private long unflushed;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);

    EarlyFlush(FileChannel channel) {
        this.channel = channel;
    }

    /** Counts {@code bytes} just written; starts a flush of everything written so far when enough piled up. */
    void wrote(long bytes) throws IOException {
        unflushed += bytes;
        if (unflushed >= EVERY && inFlight.isDone()) {
            rethrowFailure();
            unflushed = 0;
            inFlight = CompletableFuture.runAsync(this::flush, FLUSHERS);
        }
    }

    /** Waits for the flush in flight; throws its failure. Call before the final fsync and before closing. */
    void finish() throws IOException {
        try {
            inFlight.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flushing", e);
        } catch (ExecutionException e) {
            throw new IOException("an early flush failed", e.getCause());
        }
    }

    private void rethrowFailure() throws IOException {
        if (inFlight.isCompletedExceptionally()) {
            finish();
        }
    }

    private void flush() {
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
