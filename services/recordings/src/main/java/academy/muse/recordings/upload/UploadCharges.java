package academy.muse.recordings.upload;

import academy.muse.recordings.usage.ChargedBytes;
import jakarta.enterprise.context.ApplicationScoped;

/** The ledger's starting point for an owner: what their uploads still in media storage hold. */
@ApplicationScoped
class UploadCharges implements ChargedBytes {

    @Override
    public long of(String ownerId) {
        return Upload.chargedTo(ownerId).stream().mapToLong(Upload::reservedBytes).sum();
    }
}
