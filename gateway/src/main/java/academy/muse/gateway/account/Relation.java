package academy.muse.gateway.account;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/**
 * A link made by an invitation: a teacher's student, or an observer who watches one of a teacher's
 * students. The id is derived from the link itself, so linking twice stores one relation.
 */
@MongoEntity(collection = "relations")
public class Relation extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public String teacherId;
    /** The student or observer who accepted the invitation. */
    public String memberId;
    /** {@code student} or {@code observer}: the member's role in this relation. */
    public String memberRole;
    /** For an observer: the student they watch; else absent. */
    public String observedStudentId;
    public Instant createdAt;

    static String idOf(String teacherId, String memberId, String memberRole, String observedStudentId) {
        return observedStudentId == null
                ? memberRole + ":" + teacherId + ":" + memberId
                : memberRole + ":" + teacherId + ":" + memberId + ":" + observedStudentId;
    }
}
