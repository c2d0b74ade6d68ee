package academy.muse.scheduling.calendar;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A user's private calendar feed token. Only its SHA-256 is stored, so the store alone never reveals a feed
 * URL. The feed is fetched without an access token, so the relations it needs (the students an observer
 * follows) are kept from when the token was made; rotating the token refreshes them.
 */
@MongoEntity(collection = "calendar_tokens")
public class CalendarToken extends PanacheMongoEntityBase {

    /** SHA-256 of the token, hex. */
    @BsonId
    public String id;
    public String accountId;
    public List<String> observes = new ArrayList<>();
    public String zone;
    public Instant createdAt;
}
