package academy.muse.recordings.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Keeps a PATCH's hold on its upload while bytes flow: every third of the lease it renews the hold, and when the
 * hold was lost (the sender stalled for a whole lease and another PATCH took over) it stops before handing on a
 * single further byte, so two requests never write the same upload.
 */
class LeasedInputStream extends FilterInputStream {

    /** Another request holds the upload now. */
    static final class LeaseLost extends IOException {
        LeaseLost() {
            super("the upload is held by another request");
        }
    }

    private final BooleanSupplier renew;
    private final long renewEveryNanos;
    private long renewedAt = System.nanoTime();

    LeasedInputStream(InputStream in, Duration lease, BooleanSupplier renew) {
        super(in);
        this.renew = renew;
        this.renewEveryNanos = lease.toNanos() / 3;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        keepLease();
        return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        keepLease();
        return read;
    }

    private void keepLease() throws IOException {
        long now = System.nanoTime();
        if (now - renewedAt >= renewEveryNanos) {
            if (!renew.getAsBoolean()) {
                throw new LeaseLost();
            }
            renewedAt = now;
        }
    }
}
