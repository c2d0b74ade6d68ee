package academy.muse.rooms.accounts;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.Collection;

/**
 * An observer (a parent, say) invited by one teacher to watch one student, from the gateway's
 * {@code account.relation-added} events: an observer may watch that student only in that teacher's rooms. The
 * observer's token names the students they watch, not who invited them.
 */
@MongoEntity(collection = "observer_invitations")
public class ObserverInvitation extends PanacheMongoEntityBase {

    /** {@code <observerId>:<studentId>:<teacherId>}, so the same relation heard twice is stored once. */
    @BsonId
    public String id;
    public String observerId;
    public String studentId;
    public String teacherId;

    /** Whether this teacher invited the observer to watch any of these students. */
    public static boolean invited(String observerId, Collection<String> studentIds, String teacherId) {
        return ObserverInvitation.mongoCollection().countDocuments(Filters.and(Filters.eq("observerId", observerId),
                Filters.in("studentId", studentIds), Filters.eq("teacherId", teacherId))) > 0;
    }
}
