package academy.muse.vod.asset;

import academy.muse.contracts.events.RecordingEvents.MaterialScope;
import academy.muse.platform.security.Roles;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import academy.muse.vod.media.MediaTokens;
import academy.muse.vod.packaging.PackageFiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Replays and materials for viewers and their owners: {@code /api/vod/assets} through the gateway. */
@Path("/assets")
@RolesAllowed(Roles.USER)
@Produces(MediaType.APPLICATION_JSON)
public class AssetsResource {

    private static final Logger LOG = Logger.getLogger(AssetsResource.class);
    private static final String ID = "[A-Za-z0-9._:-]{1,100}";
    private static final String ID_MESSAGE = "must be 1-100 letters, digits or . _ : -";

    private final Assets assets;
    private final MediaTokens tokens;
    private final AssetDeletions deletions;
    private final JsonWebToken token;
    private final Clock clock;

    AssetsResource(Assets assets, MediaTokens tokens, AssetDeletions deletions, JsonWebToken token, Clock clock) {
        this.assets = assets;
        this.tokens = tokens;
        this.deletions = deletions;
        this.token = token;
        this.clock = clock;
    }

    /** The caller's assets: of one lesson ({@code ?lesson=<occurrenceId>}), or all the caller may watch. */
    @GET
    public List<AssetView> list(@QueryParam("lesson") @Pattern(regexp = ID, message = ID_MESSAGE) String lesson) {
        Caller caller = Caller.from(token);
        List<Asset> candidates = lesson == null ? assets.visibleTo(caller) : assets.ofLesson(lesson);
        return candidates.stream().filter(asset -> AssetAccess.mayWatch(asset, caller))
                .map(asset -> AssetView.of(asset, caller)).toList();
    }

    @GET
    @Path("{assetId}")
    public AssetView get(@PathParam("assetId") @Pattern(regexp = ID, message = ID_MESSAGE) String assetId) {
        Caller caller = Caller.from(token);
        return AssetView.of(watchable(assetId, caller), caller);
    }

    /** Renames an asset or, for a material, sets whom it is for; its owner only. */
    @PATCH
    @Path("{assetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public AssetView change(@PathParam("assetId") @Pattern(regexp = ID, message = ID_MESSAGE) String assetId,
                            @Valid @NotNull AssetChange change) {
        Caller caller = Caller.from(token);
        Asset asset = changeable(assetId, caller);
        if (change.scope() != null && !asset.isMaterial()) {
            throw ProblemException.unprocessable("invalid-scope", "only a material has a scope; a replay is its lesson's");
        }
        Optional<MaterialScope> scope = change.scope() == null ? Optional.empty() : change.scope().checkedFor(caller.students());
        boolean kept = (change.title() == null || assets.rename(assetId, change.title().strip()))
                && (change.scope() == null || assets.scope(assetId, scope.orElse(null)));
        if (!kept) {
            throw ProblemException.notFound("Asset " + assetId);
        }
        return AssetView.of(watchable(assetId, caller), caller);
    }

    /** Signed URLs for the caller's player; 409 while the asset is still being packaged. */
    @POST
    @Path("{assetId}/playback")
    public PlaybackUrls playback(@PathParam("assetId") @Pattern(regexp = ID, message = ID_MESSAGE) String assetId) {
        Caller caller = Caller.from(token);
        Asset asset = watchable(assetId, caller);
        if (!asset.isReady()) {
            throw ProblemException.conflict("asset-not-ready", "asset " + assetId + " is " + asset.status().name().toLowerCase());
        }
        MediaTokens.Issued issued = tokens.issue(asset.id(), caller.id(), clock.instant());
        String base = "/media/" + issued.token() + "/" + asset.id() + "/";
        return new PlaybackUrls(base + PackageFiles.HLS_MASTER, base + PackageFiles.DASH_MANIFEST,
                base + PackageFiles.POSTER, asset.tracks().stream().map(track -> base + track.file()).toList(),
                issued.expiresAt());
    }

    /**
     * Deletes the asset for everyone at once (its owner or an admin may): it leaves every list, playback and every
     * media URL already handed out answer 404, and its media is removed after the deletion grace period. Deleting
     * it again answers 204 as well and keeps the first deletion's time.
     */
    @DELETE
    @Path("{assetId}")
    public void delete(@PathParam("assetId") @Pattern(regexp = ID, message = ID_MESSAGE) String assetId) {
        Caller caller = Caller.from(token);
        Asset asset = assets.find(assetId).orElseThrow(() -> ProblemException.notFound("Asset " + assetId));
        if (!caller.id().equals(asset.ownerId()) && !caller.is(Roles.ADMIN)) {
            // Others learn no more than reading it would tell them: what they may not watch is not there.
            throw AssetAccess.mayWatch(asset, caller) ? ProblemException.forbidden("only its owner may delete asset " + assetId)
                    : ProblemException.notFound("Asset " + assetId);
        }
        if (deletions.markDeleted(assetId, clock.instant(), caller.id())) {
            LOG.infof("Asset %s (%s, owner %s) deleted by %s", assetId, asset.kind(), asset.ownerId(), caller.id());
        }
    }

    /** The asset, if the caller may watch it; 404 otherwise, so nobody learns what exists beyond what they may see. */
    private Asset watchable(String assetId, Caller caller) {
        return assets.find(assetId).filter(asset -> AssetAccess.mayWatch(asset, caller))
                .orElseThrow(() -> ProblemException.notFound("Asset " + assetId));
    }

    private Asset changeable(String assetId, Caller caller) {
        Asset asset = watchable(assetId, caller);
        if (!AssetAccess.mayChange(asset, caller)) {
            throw ProblemException.forbidden("only its owner may change or delete asset " + assetId);
        }
        return asset;
    }
}
