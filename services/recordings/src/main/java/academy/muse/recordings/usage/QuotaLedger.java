package academy.muse.recordings.usage;

import academy.muse.recordings.config.RecordingsConfig;
import academy.muse.contracts.problem.ProblemException;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lte;

/**
 * Each owner's stored bytes ({@link Usage}), changed only by single-document updates: a material's reservation is
 * guarded on the sum, so two uploads of one owner, on one replica or two, can never both take the quota's last
 * bytes. A lesson track is counted without a guard (a lesson is never silently unrecorded), so usage may pass the
 * quota; materials are then refused. An upload of known length counts its length at creation; one of unknown length
 * reserves each PATCH's allowance before the bytes flow and gives back what the PATCH did not store. A discarded or
 * removed upload gives back all it held. vod's packages arrive as events and count once per asset.
 * <p>
 * Without transactions a crash between a change here and the upload's record can leave bytes counted that nothing
 * holds: the owner then has that much less room, never more than the quota.
 */
@ApplicationScoped
public class QuotaLedger {

    private static final int ATTEMPTS = 20;
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    private final RecordingsConfig config;
    private final StorageThresholds thresholds;
    private final ChargedBytes chargedBytes;

    QuotaLedger(RecordingsConfig config, StorageThresholds thresholds, ChargedBytes chargedBytes) {
        this.config = config;
        this.thresholds = thresholds;
        this.chargedBytes = chargedBytes;
    }

    /**
     * Counts exactly {@code bytes} of an upload against its owner's quota. A material that would pass the quota is
     * refused with 413 quota-exceeded and counts nothing; a lesson track ({@code alwaysAccepted}) always counts.
     */
    public void reserve(String ownerId, boolean alwaysAccepted, long bytes) {
        if (bytes <= 0) {
            return;
        }
        ensure(ownerId);
        if (alwaysAccepted) {
            usages().updateOne(eq("_id", ownerId), originals(bytes));
        } else {
            long limit = config.quotaBytesPerUser() - bytes;
            if (limit < 0 || usages().findOneAndUpdate(and(eq("_id", ownerId), lte(Usage.USED, limit)),
                    originals(bytes)) == null) {
                throw quotaExceeded();
            }
        }
        thresholds.check(ownerId);
    }

    /**
     * Reserves as much of {@code wanted} as the quota leaves (possibly nothing), all of it for a lesson track; returns
     * what was reserved. The reservation is temporary: {@link #settle} follows it.
     */
    public long reserveUpTo(String ownerId, boolean alwaysAccepted, long wanted) {
        ensure(ownerId);
        if (alwaysAccepted) {
            usages().updateOne(eq("_id", ownerId), originals(wanted));
            return wanted;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            long used = find(ownerId).map(Usage::used).orElse(0L);
            long granted = Math.min(wanted, config.quotaBytesPerUser() - used);
            if (granted <= 0) {
                return 0;
            }
            // Compare-and-set on the amount read: a concurrent reservation makes this miss, and the loop reads again.
            if (usages().findOneAndUpdate(and(eq("_id", ownerId), eq(Usage.USED, used)), originals(granted)) != null) {
                return granted;
            }
        }
        return 0;
    }

    /** Gives back what a temporary reservation did not store; warnings are judged on what stays. */
    public void settle(String ownerId, long unused) {
        ensure(ownerId);
        if (unused > 0) {
            usages().updateOne(eq("_id", ownerId), originals(-unused));
        }
        thresholds.check(ownerId);
    }

    /** Gives back bytes of originals (a discarded upload, a reservation that failed, a removed track). */
    public void release(String ownerId, long bytes) {
        if (bytes > 0) {
            ensure(ownerId);
            usages().updateOne(eq("_id", ownerId), originals(-bytes));
            thresholds.check(ownerId);
        }
    }

    /**
     * Counts a vod package of {@code bytes} under its kind; a package already counted is counted again only when its
     * size or kind changed (by the difference).
     */
    public void mediaStored(String ownerId, String assetId, String kind, long bytes) {
        String category = categoryOf(kind);
        ensure(ownerId);
        String field = "vod." + packageKey(assetId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Usage.VodPackage counted = counted(ownerId, assetId);
            Map<String, Long> increments = new LinkedHashMap<>();
            Bson unchanged;
            if (counted == null) {
                unchanged = exists(field, false);
            } else if (counted.category.equals(category) && counted.bytes == bytes) {
                return;
            } else {
                unchanged = and(eq(field + ".category", counted.category), eq(field + ".bytes", counted.bytes));
                increments.merge(counted.category, -counted.bytes, Long::sum);
            }
            increments.merge(category, bytes, Long::sum);
            increments.put(Usage.USED, bytes - (counted == null ? 0 : counted.bytes));
            List<Bson> updates = new ArrayList<>(incrementsOf(increments));
            updates.add(Updates.set(field, new Document("category", category).append("bytes", bytes)));
            if (usages().updateOne(and(eq("_id", ownerId), unchanged), Updates.combine(updates)).getMatchedCount() == 1) {
                thresholds.check(ownerId);
                return;
            }
        }
        throw new IllegalStateException("The usage of " + ownerId + " kept changing while counting asset " + assetId);
    }

    /** Gives back what a vod package was counted with; a package not (or no longer) counted changes nothing. */
    public void mediaRemoved(String ownerId, String assetId) {
        String field = "vod." + packageKey(assetId);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Usage.VodPackage counted = counted(ownerId, assetId);
            if (counted == null) {
                return;
            }
            Bson unchanged = and(eq("_id", ownerId), eq(field + ".category", counted.category),
                    eq(field + ".bytes", counted.bytes));
            List<Bson> updates = new ArrayList<>(incrementsOf(Map.of(counted.category, -counted.bytes,
                    Usage.USED, -counted.bytes)));
            updates.add(Updates.unset(field));
            if (usages().updateOne(unchanged, Updates.combine(updates)).getMatchedCount() == 1) {
                thresholds.check(ownerId);
                return;
            }
        }
        throw new IllegalStateException("The usage of " + ownerId + " kept changing while removing asset " + assetId);
    }

    /** The bytes of originals the owner's uploads hold now, reservations of running PATCHes included. */
    public long originals(String ownerId) {
        return find(ownerId).map(usage -> usage.reservedBytes).orElse(0L);
    }

    public Optional<Usage> find(String ownerId) {
        return Optional.ofNullable(usages().find(eq("_id", ownerId)).first());
    }

    /** Every owner's usage, without the per-package detail. */
    public List<Usage> all() {
        return usages().find().projection(new Document("vod", 0)).into(new ArrayList<>());
    }

    private Usage.VodPackage counted(String ownerId, String assetId) {
        return find(ownerId).map(usage -> usage.vod).map(packages -> packages.get(packageKey(assetId))).orElse(null);
    }

    /**
     * A preview's package ({@code preview}, or by its asset's kind {@code material}) counts under previews; a replay's
     * ({@code replay}, {@code lesson-track}) and anything else vod stores for an owner under replays.
     */
    static String categoryOf(String kind) {
        return "preview".equals(kind) || "material".equals(kind) ? Usage.PREVIEWS : Usage.REPLAYS;
    }

    private static Bson originals(long bytes) {
        return Updates.combine(Updates.inc(Usage.ORIGINALS, bytes), Updates.inc(Usage.USED, bytes));
    }

    private static List<Bson> incrementsOf(Map<String, Long> increments) {
        return increments.entrySet().stream().map(entry -> Updates.inc(entry.getKey(), entry.getValue())).toList();
    }

    /** A field name for the asset: its id when that is plain, else its hex (a dot or a dollar would be syntax). */
    static String packageKey(String assetId) {
        return PLAIN_KEY.matcher(assetId).matches() ? assetId
                : "x" + HexFormat.of().formatHex(assetId.getBytes(StandardCharsets.UTF_8));
    }

    /** What a refused material answers: 413, and the reassurance that lessons are still recorded. */
    public static ProblemException quotaExceeded() {
        return new ProblemException(413, "quota-exceeded", "Quota exceeded",
                "This upload would take your storage past its quota. Lessons are still recorded in full; new "
                        + "previews are refused until you free space");
    }

    /**
     * Starts an owner's ledger from the uploads they already have (stored before the ledger existed), and counts the
     * sum of a document written before categories existed; after that only the updates above move it.
     */
    private void ensure(String ownerId) {
        Optional<Usage> existing = find(ownerId);
        if (existing.isPresent()) {
            if (existing.get().usedBytes == null) {
                countSum(ownerId);
            }
            return;
        }
        Usage usage = new Usage();
        usage.ownerId = ownerId;
        usage.reservedBytes = chargedBytes.of(ownerId);
        usage.usedBytes = usage.reservedBytes;
        try {
            usages().insertOne(usage);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    private void countSum(String ownerId) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Usage usage = find(ownerId).orElseThrow();
            if (usage.usedBytes != null || usages().updateOne(and(eq("_id", ownerId), eq(Usage.USED, null),
                    eq(Usage.ORIGINALS, usage.reservedBytes)), Updates.combine(Updates.set(Usage.USED, usage.used()),
                    Updates.set("alertedPercent", 0), Updates.set("crossings", 0L))).getMatchedCount() == 1) {
                return;
            }
        }
    }

    private static MongoCollection<Usage> usages() {
        return Usage.<Usage>mongoCollection();
    }
}
