package academy.muse.vod.asset;

import academy.muse.contracts.security.Caller;

/**
 * Who may watch an asset: its owner and the viewers the recording named (a lesson's participants); for a
 * material, also every student of the teacher who owns it (the {@code teachers} claim of their token).
 */
public final class AssetAccess {

    private AssetAccess() {
    }

    public static boolean mayWatch(Asset asset, Caller caller) {
        return caller.id().equals(asset.ownerId())
                || asset.viewerIds().contains(caller.id())
                || (Asset.KIND_MATERIAL.equals(asset.kind()) && caller.teachers().contains(asset.ownerId()));
    }
}
