package academy.muse.scheduling.accounts;

import com.mongodb.client.model.Filters;
import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who observes which student (a parent, say) on whose invitation, from the gateway's
 * {@code account.relation-added} events, so that a lesson's room lists its students' observers and they may join
 * it as observers: only in lessons of the teacher who invited them, never in the student's lessons with others.
 */
@MongoEntity(collection = "student_observers")
public class StudentObserver extends PanacheMongoEntityBase {

    /** {@code <observerId>:<studentId>:<teacherId>}, so the same relation heard twice is stored once. */
    @BsonId
    public String id;
    public String observerId;
    public String studentId;
    /** The teacher who invited the observer. */
    public String teacherId;

    /** The observers of these students, on whichever teacher's invitation (one query for a whole batch of lessons). */
    public static List<StudentObserver> ofStudents(Collection<String> studentIds) {
        return StudentObserver.<StudentObserver>mongoCollection().find(Filters.in("studentId", studentIds))
                .into(new ArrayList<>());
    }
}
