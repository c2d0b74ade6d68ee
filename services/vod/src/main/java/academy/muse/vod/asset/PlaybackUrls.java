package academy.muse.vod.asset;

import java.time.Instant;
import java.util.List;

/**
 * Where a viewer's player loads an asset from; every URL carries the viewer's signed token and stops working at
 * {@code expiresAt}. Paths are absolute on the public origin (the gateway forwards {@code /media/*} to vod).
 *
 * @param tracks each participant's own recording as a progressive MP4, in the asset's track order
 */
public record PlaybackUrls(String hls, String dash, String poster, List<String> tracks, Instant expiresAt) {
}
