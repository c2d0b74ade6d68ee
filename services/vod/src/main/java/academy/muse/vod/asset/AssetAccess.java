package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.platform.security.Caller;

/**
 * Who may watch an asset: nobody once it is deleted; else its owner and the viewers the recording named (a lesson's
 * participants). A material without a scope is for every student of the teacher who owns it (the {@code teachers}
 * claim of their token); a scoped one only for the students in its scope and for those students' observers (the
 * {@code observes} claim).
 */
public final class AssetAccess {

    private AssetAccess() {
    }

    public static boolean mayWatch(Asset asset, Caller caller) {
        if (asset.isDeleted()) {
            return false;
        }
        if (caller.id().equals(asset.ownerId())) {
            return true;
        }
        if (!asset.isMaterial()) {
            return asset.viewerIds().contains(caller.id());
        }
        MaterialScope scope = asset.scope();
        if (scope == null) {
            return asset.viewerIds().contains(caller.id()) || caller.teachers().contains(asset.ownerId());
        }
        return scope.studentIds().stream()
                .anyMatch(studentId -> studentId.equals(caller.id()) || caller.observes().contains(studentId));
    }

    /** True when the caller owns the asset and it is not deleted: only then may they rename, scope or delete it. */
    public static boolean mayChange(Asset asset, Caller caller) {
        return !asset.isDeleted() && caller.id().equals(asset.ownerId());
    }
}
