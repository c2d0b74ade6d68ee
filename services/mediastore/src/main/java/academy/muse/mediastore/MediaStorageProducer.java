package academy.muse.mediastore;

import academy.muse.mediastore.filesystem.FilesystemMediaStorage;
import academy.muse.mediastore.s3.S3ClientFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.nio.file.Path;

/** Makes the {@link MediaStorage} that {@code muse.media.kind} names; recordings and vod inject it. */
@ApplicationScoped
public class MediaStorageProducer {

    @Produces
    @ApplicationScoped
    MediaStorage mediaStorage(MediaConfig config) {
        return switch (config.kind()) {
            case FILESYSTEM -> new FilesystemMediaStorage(Path.of(config.root()));
            case S3 -> S3ClientFactory.storage(config.s3());
        };
    }
}
