package academy.muse.gateway.invitation;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A teacher's single-use, expiring invitation for a student or an observer, stored under the hash of its token. */
@MongoEntity(collection = "invitations")
public class Invitation extends PanacheMongoEntityBase {

    /** SHA-256 of the token in the link. */
    @BsonId
    public String id;
    public String teacherId;
    /** {@code student} or {@code observer}. */
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
}
