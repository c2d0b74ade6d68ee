package academy.muse.recordings.usage;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.Map;

/**
 * One owner's stored bytes by category, in one document so that every change to a category and to the sum is one
 * atomic update: {@code usedBytes} always equals the three categories together.
 */
@MongoEntity(collection = "quota_usage")
public class Usage extends PanacheMongoEntityBase {

    static final String ORIGINALS = "reservedBytes";
    static final String REPLAYS = "replaysBytes";
    static final String PREVIEWS = "previewsBytes";
    static final String USED = "usedBytes";

    @BsonId
    public String ownerId;
    /**
     * Originals: lesson tracks and material sources that recordings holds, reservations of running uploads included
     * (the field keeps its name from before usage had categories).
     */
    public long reservedBytes;
    /** vod's packaged lesson replays. */
    public long replaysBytes;
    /** vod's packaged preview videos. */
    public long previewsBytes;
    /** The sum of the three; null only on a document written before categories existed, until it is counted. */
    public Long usedBytes;
    /** vod's packages counted so far, by asset: a redelivered or repeated report of one package counts once. */
    public Map<String, VodPackage> vod;
    /** The highest warning level (80, 95, 100) published since usage last lay below it; 0 for none. */
    public int alertedPercent;
    /** How many levels were crossed upwards in all; each crossing's event id carries it. */
    public long crossings;

    public static class VodPackage {
        /** {@link #REPLAYS} or {@link #PREVIEWS}. */
        public String category;
        public long bytes;

        public VodPackage() {
        }
    }

    public long used() {
        return usedBytes == null ? reservedBytes + replaysBytes + previewsBytes : usedBytes;
    }
}
