package academy.muse.gateway.auth;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** One emailed password-reset link, stored under the hash of its token: it works once, until {@link #expiresAt}. */
@MongoEntity(collection = "password_resets")
public class PasswordReset extends PanacheMongoEntityBase {

    /** SHA-256 of the token in the link, see {@link OpaqueTokens#hash(String)}. */
    @BsonId
    public String id;
    public String accountId;
    public Instant createdAt;
    public Instant expiresAt;
    /** When the link was used; set once, so a second use finds it spent. */
    public Instant usedAt;
}
