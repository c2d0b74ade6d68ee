package academy.muse.mediastore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.util.Optional;

/**
 * Where media bytes are stored. recordings and vod must be given the same settings: recordings writes the keys
 * that vod reads.
 */
@ConfigMapping(prefix = "muse.media")
public interface MediaConfig {

    enum Kind { FILESYSTEM, S3 }

    /** {@code filesystem} (a directory, in the cluster a persistent volume) or {@code s3} (S3-compatible storage). */
    @WithDefault("filesystem")
    Kind kind();

    /** The directory of the filesystem storage; every replica of recordings and vod must see the same one. */
    @WithDefault(".run/media")
    String root();

    S3 s3();

    interface S3 {

        /** The bucket that holds every media object. */
        @WithDefault("muse-media")
        String bucket();

        /** The S3 API endpoint, e.g. a MinIO or Ceph RGW service; absent means AWS itself. */
        Optional<URI> endpoint();

        /** The region to sign requests for; S3-compatible servers usually accept any. */
        @WithDefault("us-east-1")
        String region();

        /** Address buckets as a path ({@code endpoint/bucket/key}), as most S3-compatible servers expect. */
        @WithDefault("true")
        boolean pathStyleAccess();

        /** The access key; absent means the AWS default credential chain (environment, web identity, …). */
        Optional<String> accessKeyId();

        /** The secret key that belongs to {@code access-key-id}. */
        Optional<String> secretAccessKey();

        /**
         * The size of one part when a large object is written as a multipart upload, and the most an append buffers
         * before it stores a staged part. S3 requires at least 5 MiB for every part but the last.
         */
        @WithDefault("8388608")
        int partSize();

        /** Create the bucket at start when it does not exist (handy for make run against a fresh server). */
        @WithDefault("false")
        boolean createBucket();
    }
}
