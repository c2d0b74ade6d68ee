package academy.muse.signaling.socket;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.util.Date;
import java.util.concurrent.TimeUnit;

/**
 * Remembers the id ({@code jti}) of every room ticket that opened a connection, in the store all replicas
 * share, so a ticket opens one connection only: a copied or replayed ticket is refused, and a reconnect asks
 * rooms for a fresh one. An entry is useless once its ticket has expired; MongoDB's TTL index removes it.
 */
@ApplicationScoped
public class UsedTickets {

    private final MongoCollection<Document> used;

    UsedTickets(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database) {
        this.used = mongo.getDatabase(database).getCollection("used-tickets");
        used.createIndex(Indexes.ascending("expiresAt"), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** True the first time a ticket id is presented, false ever after (on any replica). */
    public boolean firstUse(String ticketId, Instant expiresAt) {
        try {
            used.insertOne(new Document("_id", ticketId).append("expiresAt", Date.from(expiresAt)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }
}
