package academy.muse.vod.media;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.mediastore.ByteRange;
import academy.muse.mediastore.MediaNotFoundException;
import academy.muse.mediastore.MediaStorage;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.Assets;
import academy.muse.vod.packaging.PackageFiles;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Manifests, segments, tracks and posters of ready assets, as a player fetches them:
 * {@code /media/<token>/<assetId>/<file>}. The token in the path authorises every request, including the
 * segment requests a player makes from relative URLs in the manifests. The gateway forwards {@code /media/*}
 * here unchanged.
 */
@Path("/media/{token}/{assetId}/{file}")
public class MediaResource {

    /** Segments never change; a browser may keep them for as long as its token lives, up to a day. */
    private static final Duration LONGEST_SEGMENT_CACHE = Duration.ofDays(1);
    /** Manifests are as stable, but short caching lets a replaced package show without waiting for long. */
    private static final Duration MANIFEST_CACHE = Duration.ofMinutes(1);

    private final MediaTokens tokens;
    private final Assets assets;
    private final MediaStorage storage;
    private final Clock clock;

    MediaResource(MediaTokens tokens, Assets assets, MediaStorage storage, Clock clock) {
        this.clock = clock;
        this.tokens = tokens;
        this.assets = assets;
        this.storage = storage;
    }

    @GET
    public Response file(@PathParam("token") String token, @PathParam("assetId") String assetId,
                         @PathParam("file") String file, @HeaderParam("Range") String range) {
        Instant now = clock.instant();
        MediaTokens.Verified verified = tokens.verify(token, assetId, now)
                .orElseThrow(() -> ProblemException.forbidden("this playback link is not valid for this asset, or has expired"));
        String contentType = PackageFiles.contentType(file);
        // A deleted asset answers 404 from the instant of its deletion, whatever tokens were handed out before.
        Asset asset = assets.find(assetId).filter(Asset::isReady).filter(found -> !found.isDeleted())
                .orElseThrow(() -> ProblemException.notFound("A ready asset " + assetId));
        if (contentType == null || file.startsWith(".")) {
            throw ProblemException.notFound("The file " + file);
        }
        String key = asset.storagePrefix() + file;
        try {
            long size = storage.size(key);
            Optional<ByteRange> requested = RangeHeader.parse(range, size);
            Response.ResponseBuilder response = requested
                    .map(byteRange -> Response.status(206).entity(storage.read(key, byteRange))
                            .header("Content-Range", "bytes " + byteRange.first() + "-" + byteRange.last() + "/" + size)
                            .header(HttpHeaders.CONTENT_LENGTH, byteRange.lengthWithin(size)))
                    .orElseGet(() -> Response.ok(storage.read(key)).header(HttpHeaders.CONTENT_LENGTH, size));
            return response.type(contentType)
                    .header("Accept-Ranges", "bytes")
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl(file, verified.expiresAt(), now))
                    .build();
        } catch (MediaNotFoundException e) {
            throw ProblemException.notFound("The file " + file);
        }
    }

    /** Private: the URL carries a viewer's token, so shared caches must not keep it. */
    private static String cacheControl(String file, Instant tokenExpiresAt, Instant now) {
        if (PackageFiles.isManifest(file)) {
            return "private, max-age=" + MANIFEST_CACHE.toSeconds();
        }
        Duration remaining = Duration.between(now, tokenExpiresAt);
        long maxAge = Math.max(0, Math.min(remaining.toSeconds(), LONGEST_SEGMENT_CACHE.toSeconds()));
        return "private, max-age=" + maxAge + ", immutable";
    }
}
