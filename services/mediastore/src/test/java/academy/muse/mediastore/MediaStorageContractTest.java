package academy.muse.mediastore;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MediaStorage} promises, run against each implementation (a subclass per implementation),
 * so recordings and vod behave the same on a volume and on S3.
 */
public abstract class MediaStorageContractTest {

    protected MediaStorage storage;
    private String prefix;

    /** A fresh storage for each test; subclasses point it at their own root or bucket. */
    protected abstract MediaStorage createStorage();

    /** The part size a subclass configured; appends and writes larger than it must work the same. */
    protected int partSize() {
        return 5 * 1024 * 1024;
    }

    @BeforeEach
    void createFreshStorage() {
        storage = createStorage();
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Test
    void aWrittenObjectReadsBackWithItsSize() throws IOException {
        byte[] bytes = randomBytes(100_000);

        long stored = storage.write(key("lesson/a.webm"), new ByteArrayInputStream(bytes));

        assertThat(stored).isEqualTo(bytes.length);
        assertThat(storage.size(key("lesson/a.webm"))).isEqualTo(bytes.length);
        assertThat(storage.exists(key("lesson/a.webm"))).isTrue();
        assertThat(readAll(storage.read(key("lesson/a.webm")))).isEqualTo(bytes);
    }

    @Test
    void anObjectLargerThanOnePartIsStoredWhole() throws IOException {
        byte[] bytes = randomBytes(partSize() * 2 + 12_345);

        storage.write(key("big.mp4"), new ByteArrayInputStream(bytes));

        assertThat(readAll(storage.read(key("big.mp4")))).isEqualTo(bytes);
    }

    @Test
    void writingAgainReplacesTheObject() throws IOException {
        storage.write(key("a"), new ByteArrayInputStream(randomBytes(5000)));
        byte[] second = randomBytes(10);

        storage.write(key("a"), new ByteArrayInputStream(second));

        assertThat(readAll(storage.read(key("a")))).isEqualTo(second);
    }

    @Test
    void appendsGrowAnObjectThatReadsBackWholeBeforeAndAfterCompletion() throws IOException {
        byte[] bytes = randomBytes(partSize() + 300_000);
        int[] cuts = {0, 1, 70_000, partSize() + 5, bytes.length};

        for (int i = 0; i + 1 < cuts.length; i++) {
            long size = storage.append(key("track.webm"), cuts[i], slice(bytes, cuts[i], cuts[i + 1]));
            assertThat(size).isEqualTo(cuts[i + 1]);
        }

        assertThat(storage.size(key("track.webm"))).isEqualTo(bytes.length);
        assertThat(readAll(storage.read(key("track.webm")))).isEqualTo(bytes);
        assertThat(readAll(storage.read(key("track.webm"), ByteRange.of(69_990, 70_010))))
                .isEqualTo(Arrays.copyOfRange(bytes, 69_990, 70_011));

        storage.complete(key("track.webm"));
        storage.complete(key("track.webm"));

        assertThat(storage.size(key("track.webm"))).isEqualTo(bytes.length);
        assertThat(readAll(storage.read(key("track.webm")))).isEqualTo(bytes);
    }

    @Test
    void anAppendAtAnEarlierOffsetReplacesWhatWasNotAcknowledged() throws IOException {
        byte[] first = randomBytes(1000);
        byte[] unacknowledged = randomBytes(500);
        byte[] retried = randomBytes(700);
        storage.append(key("t"), 0, new ByteArrayInputStream(first));
        storage.append(key("t"), 1000, new ByteArrayInputStream(unacknowledged));

        long size = storage.append(key("t"), 1000, new ByteArrayInputStream(retried));

        assertThat(size).isEqualTo(1700);
        assertThat(readAll(storage.read(key("t")))).isEqualTo(concat(first, retried));
    }

    @Test
    void truncateUndoesAnAppend() throws IOException {
        byte[] first = randomBytes(1000);
        storage.append(key("t"), 0, new ByteArrayInputStream(first));
        storage.append(key("t"), 1000, new ByteArrayInputStream(randomBytes(2000)));

        storage.truncate(key("t"), 1000);

        assertThat(storage.size(key("t"))).isEqualTo(1000);
        assertThat(readAll(storage.read(key("t")))).isEqualTo(first);
    }

    @Test
    void anAppendBeyondTheEndIsRefusedAndChangesNothing() throws IOException {
        byte[] first = randomBytes(100);
        storage.append(key("t"), 0, new ByteArrayInputStream(first));

        assertThatThrownBy(() -> storage.append(key("t"), 101, new ByteArrayInputStream(randomBytes(10))))
                .isInstanceOf(MediaStorageException.class);

        assertThat(readAll(storage.read(key("t")))).isEqualTo(first);
    }

    @Test
    void bytesThatArrivedBeforeTheSenderVanishedAreKept() throws IOException {
        byte[] bytes = randomBytes(300_000);
        InputStream brokenAfter200k = new FailingAfter(new ByteArrayInputStream(bytes), 200_000);

        assertThatThrownBy(() -> storage.append(key("t"), 0, brokenAfter200k)).isInstanceOf(RuntimeException.class);

        long kept = storage.size(key("t"));
        assertThat(kept).isBetween(0L, 200_000L);
        long resumed = storage.append(key("t"), kept, slice(bytes, (int) kept, bytes.length));
        assertThat(resumed).isEqualTo(bytes.length);
        assertThat(readAll(storage.read(key("t")))).isEqualTo(bytes);
    }

    @Test
    void aRangeReadReturnsOnlyThoseBytesClippedToTheEnd() throws IOException {
        byte[] bytes = randomBytes(10_000);
        storage.write(key("seg.m4s"), new ByteArrayInputStream(bytes));

        assertThat(readAll(storage.read(key("seg.m4s"), ByteRange.of(10, 19))))
                .isEqualTo(Arrays.copyOfRange(bytes, 10, 20));
        assertThat(readAll(storage.read(key("seg.m4s"), ByteRange.from(9_990))))
                .isEqualTo(Arrays.copyOfRange(bytes, 9_990, 10_000));
        assertThat(readAll(storage.read(key("seg.m4s"), ByteRange.of(9_995, 20_000))))
                .isEqualTo(Arrays.copyOfRange(bytes, 9_995, 10_000));
    }

    @Test
    void aMissingObjectIsReportedAsMissing() {
        assertThat(storage.exists(key("nothing"))).isFalse();
        assertThatThrownBy(() -> storage.read(key("nothing"))).isInstanceOf(MediaNotFoundException.class);
        assertThatThrownBy(() -> storage.size(key("nothing"))).isInstanceOf(MediaNotFoundException.class);
        storage.delete(key("nothing"));
    }

    @Test
    void deleteRemovesCompleteAndUnfinishedObjects() {
        storage.write(key("done"), new ByteArrayInputStream(randomBytes(10)));
        storage.append(key("growing"), 0, new ByteArrayInputStream(randomBytes(10)));

        storage.delete(key("done"));
        storage.delete(key("growing"));

        assertThat(storage.exists(key("done"))).isFalse();
        assertThat(storage.exists(key("growing"))).isFalse();
        assertThat(storage.list(prefix)).isEmpty();
    }

    @Test
    void listingAPrefixShowsItsObjectsSortedWithTheirSizes() {
        storage.write(key("lesson/b.webm"), new ByteArrayInputStream(randomBytes(20)));
        storage.write(key("lesson/a.webm"), new ByteArrayInputStream(randomBytes(10)));
        storage.append(key("lesson/c.webm"), 0, new ByteArrayInputStream(randomBytes(30)));
        storage.write(key("lessons-other/x"), new ByteArrayInputStream(randomBytes(1)));

        assertThat(storage.list(key("lesson/"))).containsExactly(
                new StoredObject(key("lesson/a.webm"), 10),
                new StoredObject(key("lesson/b.webm"), 20),
                new StoredObject(key("lesson/c.webm"), 30));
        assertThat(storage.list(key("lesson"))).hasSize(4);
    }

    @Test
    void keysThatCouldEscapeOrCollideAreRefused() {
        for (String bad : new String[]{"../x", "a/../../x", "/abs", "a//b", ".hidden", "a/.staging/b", "", "sp ace"}) {
            assertThatThrownBy(() -> storage.write(bad, new ByteArrayInputStream(new byte[1])))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    protected String key(String name) {
        return prefix + name;
    }

    protected static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static InputStream slice(byte[] bytes, int from, int to) {
        return new ByteArrayInputStream(bytes, from, to - from);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    protected static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    /** A sender whose connection drops after some bytes. */
    private static final class FailingAfter extends InputStream {
        private final InputStream in;
        private long remaining;

        FailingAfter(InputStream in, long limit) {
            this.in = in;
            this.remaining = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (remaining <= 0) {
                throw new IOException("connection reset");
            }
            int read = in.read(buffer, offset, (int) Math.min(length, remaining));
            remaining -= read;
            return read;
        }
    }
}
