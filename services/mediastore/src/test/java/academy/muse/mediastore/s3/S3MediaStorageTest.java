package academy.muse.mediastore.s3;

import academy.muse.mediastore.MediaConfig;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The same promises as on a volume, against a real S3 API server (s3proxy) through the AWS SDK. */
class S3MediaStorageTest extends MediaStorageContractTest {

    private static final int PART_SIZE = 5 * 1024 * 1024;
    private static S3ProxyServer server;
    private static S3Config config;

    record S3Config(String bucket, Optional<URI> endpoint, String region, boolean pathStyleAccess,
                    Optional<String> accessKeyId, Optional<String> secretAccessKey, int partSize,
                    boolean createBucket) implements MediaConfig.S3 {
    }

    @BeforeAll
    static void startS3() {
        server = S3ProxyServer.start();
        config = new S3Config("media-test", Optional.of(server.endpoint()), "us-east-1", true,
                Optional.of(S3ProxyServer.ACCESS_KEY), Optional.of(S3ProxyServer.SECRET_KEY), PART_SIZE, true);
    }

    @AfterAll
    static void stopS3() {
        server.close();
    }

    @Override
    protected MediaStorage createStorage() {
        return S3ClientFactory.storage(config);
    }

    @Override
    protected int partSize() {
        return PART_SIZE;
    }

    @Test
    void completingJoinsTheStagedPartsIntoOneObjectAndLeavesNoPartsBehind() {
        storage.append(key("t.webm"), 0, new ByteArrayInputStream(randomBytes(1000)));
        storage.append(key("t.webm"), 1000, new ByteArrayInputStream(randomBytes(2000)));

        storage.complete(key("t.webm"));

        try (S3Client s3 = S3ClientFactory.client(config)) {
            assertThat(s3.listObjectsV2(request -> request.bucket(config.bucket())).contents())
                    .extracting(S3Object::key)
                    .contains(key("t.webm"))
                    .noneMatch(name -> name.startsWith(".staging/" + key("")));
            assertThat(s3.headObject(request -> request.bucket(config.bucket()).key(key("t.webm"))).contentLength())
                    .isEqualTo(3000);
        }
    }
}
