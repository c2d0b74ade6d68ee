package academy.muse.recordings.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A PATCH's body as storage reads it. It refuses bytes beyond what the upload may still take (its length, its
 * kind's limit or its owner's quota): the read that would cross the cap fails instead of returning them. And it
 * tells a sender that vanished part way ({@link SenderVanished}) from a failure of the storage itself.
 */
class ChunkBody extends FilterInputStream {

    /** The body went past the cap. */
    static final class CapExceeded extends IOException {
        CapExceeded(long cap) {
            super("more than " + cap + " bytes");
        }
    }

    /** The connection broke or timed out before the body ended. */
    static final class SenderVanished extends IOException {
        SenderVanished(IOException cause) {
            super("the sender vanished: " + cause.getMessage(), cause);
        }
    }

    private final long cap;
    private long count;

    ChunkBody(InputStream in, long cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = super.read(buffer, offset, (int) Math.min(length, cap - count + 1));
        } catch (IOException e) {
            throw new SenderVanished(e);
        }
        if (read > 0) {
            count += read;
            if (count > cap) {
                throw new CapExceeded(cap);
            }
        }
        return read;
    }
}
