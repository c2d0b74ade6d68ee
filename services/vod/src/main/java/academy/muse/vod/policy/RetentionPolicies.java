package academy.muse.vod.policy;

import academy.muse.vod.config.VodConfig;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code retention-policies} collection: a teacher's own retention, when they set one. Everyone else has the
 * operator's defaults ({@code muse.vod.retention.*}).
 */
@ApplicationScoped
public class RetentionPolicies {

    private final MongoCollection<Document> collection;
    private final Clock clock;
    private final RetentionPolicy defaults;

    RetentionPolicies(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                      VodConfig config, Clock clock) {
        this.clock = clock;
        this.collection = mongo.getDatabase(database).getCollection("retention-policies");
        VodConfig.Retention retention = config.retention();
        this.defaults = new RetentionPolicy(retention.keepOriginals(), retention.replaysMonths().orElse(null),
                retention.previewsMonths().orElse(null));
    }

    public RetentionPolicy defaults() {
        return defaults;
    }

    /** The teacher's own policy, else the operator's defaults. */
    public RetentionPolicy effective(String teacherId) {
        Document document = collection.find(Filters.eq("_id", teacherId)).first();
        return document == null ? defaults : policy(document);
    }

    /** Every teacher's own policy, by teacher id. */
    public Map<String, RetentionPolicy> overrides() {
        Map<String, RetentionPolicy> overrides = new HashMap<>();
        collection.find().forEach(document -> overrides.put(document.getString("_id"), policy(document)));
        return overrides;
    }

    public void save(String teacherId, RetentionPolicy policy) {
        collection.replaceOne(Filters.eq("_id", teacherId), new Document("_id", teacherId)
                .append("keepOriginals", policy.keepOriginals())
                .append("replaysMonths", policy.replaysMonths())
                .append("previewsMonths", policy.previewsMonths())
                .append("updatedAt", Date.from(clock.instant())), new ReplaceOptions().upsert(true));
    }

    public void remove(String teacherId) {
        collection.deleteOne(Filters.eq("_id", teacherId));
    }

    private static RetentionPolicy policy(Document document) {
        return new RetentionPolicy(document.getBoolean("keepOriginals", false), document.getInteger("replaysMonths"),
                document.getInteger("previewsMonths"));
    }
}
