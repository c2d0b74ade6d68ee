package academy.muse.recordings.usage;

import academy.muse.mediastore.MediaConfig;
import academy.muse.recordings.config.RecordingsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** Storage usage per owner and in total, with the room the media storage has left. */
@ApplicationScoped
public class UsageReports {

    private static final Logger LOG = Logger.getLogger(UsageReports.class);

    private final QuotaLedger ledger;
    private final RecordingsConfig config;
    private final MediaConfig media;

    UsageReports(QuotaLedger ledger, RecordingsConfig config, MediaConfig media) {
        this.ledger = ledger;
        this.config = config;
        this.media = media;
    }

    public StorageUsage of(String ownerId) {
        return StorageUsage.of(ledger.find(ownerId).orElse(null), config.quotaBytesPerUser());
    }

    /** Every owner, the largest first. */
    public UsageReport report() {
        List<UsageReport.Owner> owners = ledger.all().stream()
                .map(usage -> new UsageReport.Owner(usage.ownerId, StorageUsage.of(usage, config.quotaBytesPerUser())))
                .sorted(Comparator.comparingLong((UsageReport.Owner owner) -> owner.usage().usedBytes()).reversed()
                        .thenComparing(UsageReport.Owner::ownerId))
                .toList();
        long total = owners.stream().mapToLong(owner -> owner.usage().usedBytes()).sum();
        return new UsageReport(owners, total, mediaSpace());
    }

    private UsageReport.MediaSpace mediaSpace() {
        if (media.kind() == MediaConfig.Kind.S3) {
            String bucket = media.s3().bucket();
            String location = media.s3().endpoint().map(endpoint -> withoutCredentials(endpoint) + "/" + bucket)
                    .orElse("s3://" + bucket);
            return new UsageReport.MediaSpace("s3", null, null, location);
        }
        Path root = Path.of(media.root()).toAbsolutePath().normalize();
        try {
            FileStore store = Files.getFileStore(root);
            return new UsageReport.MediaSpace("filesystem", store.getUsableSpace(), store.getTotalSpace(), root.toString());
        } catch (IOException e) {
            LOG.warnf("The free space of the media volume %s cannot be read: %s", root, e.getMessage());
            return new UsageReport.MediaSpace("filesystem", null, null, root.toString());
        }
    }

    /** The endpoint's scheme, host and port: never user information an operator may have put in the URL. */
    private static String withoutCredentials(URI endpoint) {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort());
    }
}
