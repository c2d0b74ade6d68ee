package academy.muse.gateway.invitation;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A single-use, expiring invitation, stored under the hash of its token: a teacher's for a student or an observer,
 * or the admin's for a teacher (when teachers sign up by invitation only).
 */
@MongoEntity(collection = "invitations")
public class Invitation extends PanacheMongoEntityBase {

    /** SHA-256 of the token in the link. */
    @BsonId
    public String id;
    /** Who invited: the teacher, or for a teacher invitation the admin. */
    public String teacherId;
    /** {@code student}, {@code observer}, or {@code teacher} (made by the admin). */
    public String role;
    /** For an observer: the teacher's student they will watch. */
    public String studentId;
    /** The normalised address the link was mailed to, or null when the teacher only copied it. */
    public String email;
    public Instant createdAt;
    public Instant expiresAt;
    /** Set once, when someone signs up or accepts through the invitation. */
    public Instant usedAt;
    public String usedBy;
    /** Set once, when an admin revoked the invitation: the link then answers 410. */
    public Instant revokedAt;
    public String revokedBy;
}
