package academy.muse.mediastore.s3;

import academy.muse.mediastore.ByteRange;
import academy.muse.mediastore.MediaNotFoundException;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * When S3 fails, callers see the store's own exceptions from every method — never the AWS SDK's — and a failed
 * operation leaves what was stored as it was. Against a real S3 API server (s3proxy), made to fail for real.
 */
class S3MediaStorageFailureTest {

    private static final int PART_SIZE = 5 * 1024 * 1024;
    private static final String KEY = "tracks/ROOM-1/u1.webm";
    private static S3ProxyServer server;

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start();
    }

    @AfterAll
    static void stopS3() {
        server.close();
    }

    private static S3MediaStorageTest.S3Config config(S3ProxyServer on, String bucket, boolean createBucket) {
        return new S3MediaStorageTest.S3Config(bucket, Optional.of(on.endpoint()), "us-east-1", true,
                Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY), PART_SIZE, createBucket);
    }

    /** Every method of the interface, each called once on an object that was being appended. */
    private static Map<String, Consumer<MediaStorage>> everyMethod() {
        Map<String, Consumer<MediaStorage>> calls = new LinkedHashMap<>();
        calls.put("write", storage -> storage.write(KEY, new ByteArrayInputStream(new byte[10])));
        calls.put("append", storage -> storage.append(KEY, 0, new ByteArrayInputStream(new byte[10])));
        calls.put("truncate", storage -> storage.truncate(KEY, 1));
        calls.put("complete", storage -> storage.complete(KEY));
        calls.put("read", storage -> storage.read(KEY));
        calls.put("read a range", storage -> storage.read(KEY, ByteRange.of(0, 4)));
        calls.put("size", storage -> storage.size(KEY));
        calls.put("exists", storage -> storage.exists(KEY));
        calls.put("delete", storage -> storage.delete(KEY));
        calls.put("list", storage -> storage.list("tracks/"));
        return calls;
    }

    private static void assertEveryMethodFailsWithAStorageFailure(MediaStorage storage) {
        everyMethod().forEach((name, call) -> assertThatThrownBy(() -> call.accept(storage))
                .as(name)
                .isInstanceOf(MediaStorageException.class)
                .isNotInstanceOf(MediaNotFoundException.class)
                .hasRootCauseInstanceOf(Exception.class)
                .cause().isNotInstanceOf(MediaStorageException.class));
    }

    @Test
    void whenTheServerIsGoneEveryMethodFailsWithAStorageFailureNotAnSdkException() {
        S3ProxyServer doomed = S3ProxyServer.start();
        MediaStorage storage = S3ClientFactory.storage(config(doomed, "media-doomed", true));
        storage.append(KEY, 0, new ByteArrayInputStream(new byte[100]));

        doomed.close();

        assertEveryMethodFailsWithAStorageFailure(storage);
    }

    @Test
    void whenTheBucketIsRemovedEveryMethodFailsWithAStorageFailureNotANotFound() {
        String bucket = "media-removed-" + UUID.randomUUID().toString().substring(0, 8);
        MediaStorage storage = S3ClientFactory.storage(config(server, bucket, true));
        try (S3Client s3 = S3ClientFactory.client(config(server, bucket, false))) {
            s3.deleteBucket(request -> request.bucket(bucket));
        }

        assertEveryMethodFailsWithAStorageFailure(storage);
    }

    @Test
    void aCompleteThatS3RefusesLeavesTheStagedPartsIntactAndCanBeRetried() throws IOException {
        String bucket = "media-refusing-" + UUID.randomUUID().toString().substring(0, 8);
        MediaStorage healthy = S3ClientFactory.storage(config(server, bucket, true));
        byte[] first = randomBytes(1000);
        byte[] second = randomBytes(2000);
        healthy.append(KEY, 0, new ByteArrayInputStream(first));
        healthy.append(KEY, first.length, new ByteArrayInputStream(second));
        MediaStorage refusing = new S3MediaStorage(S3ClientFactory.builder(config(server, bucket, false))
                .overrideConfiguration(override -> override.addExecutionInterceptor(new RefusePutOf(KEY)))
                .build(), bucket, PART_SIZE);

        assertThatThrownBy(() -> refusing.complete(KEY))
                .isInstanceOf(MediaStorageException.class)
                .hasMessageContaining("cannot complete " + KEY)
                .hasCauseInstanceOf(SdkClientException.class);

        byte[] whole = concat(first, second);
        assertThat(healthy.size(KEY)).isEqualTo(whole.length);
        assertThat(readAll(healthy.read(KEY))).isEqualTo(whole);
        healthy.complete(KEY);
        assertThat(readAll(healthy.read(KEY))).isEqualTo(whole);
        assertThat(healthy.list("tracks/")).extracting(object -> object.key() + "=" + object.size())
                .containsExactly(KEY + "=" + whole.length);
    }

    /** S3 refusing to store one object: the SDK fails the request as it would on a refused connection. */
    private record RefusePutOf(String key) implements ExecutionInterceptor {

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof PutObjectRequest put && put.key().equals(key)) {
                throw SdkClientException.create("refused for the test: " + key);
            }
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        } catch (RuntimeException e) {
            return fail("reading failed with " + e);
        }
    }
}
