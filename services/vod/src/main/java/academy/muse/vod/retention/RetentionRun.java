package academy.muse.vod.retention;

import academy.muse.vod.policy.RetentionPolicies;
import academy.muse.vod.policy.RetentionPolicy;
import academy.muse.vod.asset.Asset;
import academy.muse.vod.asset.AssetDeletions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Deletes the replays and previews their owner's policy no longer keeps, exactly as their owner would: from then on
 * nobody may watch them, and the purge removes their media after the grace period. Deleting is a conditional
 * update that keeps the first deletion, so two replicas running this at once delete each asset once.
 */
@ApplicationScoped
public class RetentionRun {

    private static final Logger LOG = Logger.getLogger(RetentionRun.class);
    static final String DELETED_BY = "retention";

    private final RetentionPolicies policies;
    private final AssetDeletions deletions;

    RetentionRun(RetentionPolicies policies, AssetDeletions deletions) {
        this.policies = policies;
        this.deletions = deletions;
    }

    /** Deletes what is past its policy at {@code now}; returns how many assets it deleted. */
    public int deleteExpired(Instant now) {
        Map<String, RetentionPolicy> overrides = policies.overrides();
        // Only assets older than the shortest months anyone keeps can be expired; none at all when all keep for ever.
        Integer shortest = Stream.concat(Stream.of(policies.defaults()), overrides.values().stream())
                .flatMap(policy -> Stream.of(policy.replaysMonths(), policy.previewsMonths()))
                .filter(Objects::nonNull).min(Integer::compare).orElse(null);
        if (shortest == null) {
            return 0;
        }
        int deleted = 0;
        for (Asset asset : deletions.keptCreatedBefore(monthsBefore(now, shortest))) {
            Integer months = monthsKept(overrides.getOrDefault(asset.ownerId(), policies.defaults()), asset);
            if (months != null && asset.createdAt().isBefore(monthsBefore(now, months))
                    && deletions.markDeleted(asset.id(), now, DELETED_BY)) {
                LOG.infof("Retention deleted %s %s of %s (made %s, kept %d months)", asset.kind(), asset.id(),
                        asset.ownerId(), asset.createdAt(), months);
                deleted++;
            }
        }
        return deleted;
    }

    private static Integer monthsKept(RetentionPolicy policy, Asset asset) {
        return Asset.KIND_MATERIAL.equals(asset.kind()) ? policy.previewsMonths() : policy.replaysMonths();
    }

    /** Calendar months in UTC: a replay made on 31 March and kept one month goes on 1 May, not on 1 March. */
    private static Instant monthsBefore(Instant now, int months) {
        return now.atZone(ZoneOffset.UTC).minusMonths(months).toInstant();
    }
}
