package academy.muse.recordings.usage;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * What an operator sees: every owner's storage, the total, and the media volume's room.
 *
 * @param totalBytes what all owners use together
 */
public record UsageReport(List<Owner> owners, long totalBytes, MediaSpace media) {

    /** One owner's storage, the fields of {@link StorageUsage} beside the owner's id. */
    public record Owner(String ownerId, @JsonUnwrapped StorageUsage usage) {
    }

    /**
     * The media storage as a whole.
     *
     * @param kind       {@code filesystem} or {@code s3}
     * @param freeBytes  the space left on the volume; null where it cannot be known (a bucket has no fixed size)
     * @param totalBytes the volume's size; null where it cannot be known
     * @param location   the volume's directory, or the bucket (and its endpoint)
     */
    public record MediaSpace(String kind, Long freeBytes, Long totalBytes, String location) {
    }
}
