package academy.muse.gateway.auth;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One mailed link that confirms an address, stored under the hash of its token: the address of a new teacher
 * ({@link #SIGN_UP}) or the new address of an email change ({@link #EMAIL_CHANGE}). It works once, until
 * {@link #expiresAt}, and only while the account still has (or still asks for) {@link #email}.
 */
@MongoEntity(collection = "email_verifications")
public class EmailVerification extends PanacheMongoEntityBase {

    public static final String SIGN_UP = "sign-up";
    public static final String EMAIL_CHANGE = "email-change";

    /** SHA-256 of the token in the link, see {@link OpaqueTokens#hash(String)}. */
    @BsonId
    public String id;
    public String accountId;
    /** The address the link was mailed to, normalised: the one it confirms. */
    public String email;
    /** {@link #SIGN_UP} or {@link #EMAIL_CHANGE}. */
    public String purpose;
    public Instant createdAt;
    public Instant expiresAt;
    /** When the link was followed; set once, so a second use finds it spent. */
    public Instant usedAt;
}
