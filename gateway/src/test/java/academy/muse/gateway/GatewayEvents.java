package academy.muse.gateway;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * What the gateway told the other services: the events in its outbox, once the real broker has accepted
 * them (the relay marks an event sent only then).
 */
public final class GatewayEvents {

    private GatewayEvents() {
    }

    public static List<Document> sent(MongoClient mongo, String type, String subject) {
        var outbox = mongo.getDatabase("gateway").getCollection("outbox");
        var query = Filters.and(Filters.eq("type", type), Filters.eq("subject", subject));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.countDocuments(query) > 0
                && outbox.countDocuments(Filters.and(query, Filters.eq("sentAt", null))) == 0);
        return outbox.find(query).into(new java.util.ArrayList<>());
    }

    /** The CloudEvent's {@code data} as the consumers will read it. */
    public static Document data(Document outboxEntry) {
        return Document.parse(outboxEntry.getString("event")).get("data", Document.class);
    }
}
