package academy.muse.gateway.admin;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * One admin action: who did what to which target, when, and how it ended. Append-only: the gateway inserts
 * entries and never changes or removes one ({@link AuditLog} has no other write).
 */
@MongoEntity(collection = "audit_log")
public class AuditEntry extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public Instant at;
    public String actorId;
    /** The admin's email at the time, so the entry still reads right after that account changed or went. */
    public String actorEmail;
    /** e.g. {@code account.disable}, {@code invitation.revoke}, {@code signup-policy.change}. */
    public String action;
    /** {@code account}, {@code invitation} or {@code setting}. */
    public String targetType;
    public String targetId;
    /** A readable name of the target at the time (an account's email), if it had one. */
    public String targetLabel;
    /** {@code succeeded}, {@code refused} (the request was answered with a problem) or {@code failed}. */
    public String outcome;
    /** What changed (e.g. {@code teacher → student}) or why it was refused. */
    public String detail;
}
