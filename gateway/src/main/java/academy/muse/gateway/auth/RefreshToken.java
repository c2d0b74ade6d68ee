package academy.muse.gateway.auth;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One refresh token, stored under its hash. Each refresh rotates it: the presented token is marked rotated
 * and a new one of the same family (one sign-in) is issued. A rotated token presented again means it was
 * copied, so the whole family is revoked.
 */
@MongoEntity(collection = "refresh_tokens")
public class RefreshToken extends PanacheMongoEntityBase {

    /** SHA-256 of the token, see {@link OpaqueTokens#hash(String)}. */
    @BsonId
    public String id;
    /** All tokens of one sign-in share this id. */
    public String familyId;
    public String accountId;
    public Instant createdAt;
    public Instant expiresAt;
    /** When this token was exchanged for its successor; set once. */
    public Instant rotatedAt;
    /** When the family was revoked (logout or reuse); set on every token of the family. */
    public Instant revokedAt;
}
