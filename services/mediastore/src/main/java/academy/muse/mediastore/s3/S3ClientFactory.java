package academy.muse.mediastore.s3;

import academy.muse.mediastore.MediaConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Builds the S3 client and storage from {@code muse.media.s3.*}. */
public final class S3ClientFactory {

    private S3ClientFactory() {
    }

    public static S3MediaStorage storage(MediaConfig.S3 config) {
        S3Client client = client(config);
        if (config.createBucket()) {
            createBucketIfMissing(client, config.bucket());
        }
        return new S3MediaStorage(client, config.bucket(), config.partSize());
    }

    public static S3Client client(MediaConfig.S3 config) {
        return builder(config).build();
    }

    /** The configured client's builder, for a test that adds to it (a failure injected into the SDK). */
    static S3ClientBuilder builder(MediaConfig.S3 config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyleAccess())
                .credentialsProvider(credentials(config))
                // S3-compatible servers (MinIO, Ceph, s3proxy) do not all speak the SDK's default trailing checksums.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static AwsCredentialsProvider credentials(MediaConfig.S3 config) {
        if (config.accessKeyId().isPresent() && config.secretAccessKey().isPresent()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(config.accessKeyId().get(), config.secretAccessKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static void createBucketIfMissing(S3Client client, String bucket) {
        try {
            client.headBucket(request -> request.bucket(bucket));
        } catch (NoSuchBucketException e) {
            client.createBucket(request -> request.bucket(bucket));
        }
    }
}
