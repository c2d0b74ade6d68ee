package academy.muse.recordings.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * A PATCH's bytes on their way to storage, hashed in the same pass: into the whole file's digest and, when the
 * client sent a checksum, the chunk's own. Counts what passed, so a broken-off PATCH knows whether the digest covers
 * exactly the bytes that were kept.
 */
class DigestingInputStream extends FilterInputStream {

    private final MessageDigest whole;
    private final MessageDigest chunk;
    private long count;

    DigestingInputStream(InputStream in, MessageDigest whole, MessageDigest chunk) {
        super(in);
        this.whole = whole;
        this.chunk = chunk;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            whole.update(buffer, offset, read);
            if (chunk != null) {
                chunk.update(buffer, offset, read);
            }
            count += read;
        }
        return read;
    }

    long count() {
        return count;
    }
}
