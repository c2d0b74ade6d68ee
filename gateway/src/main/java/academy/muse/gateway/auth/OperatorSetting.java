package academy.muse.gateway.auth;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;

/** A setting the operator changed in the admin console; absent until then, and the typed config's default applies. */
@MongoEntity(collection = "settings")
public class OperatorSetting extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public String value;
    public Instant updatedAt;
    /** The admin account that made the change. */
    public String updatedBy;
}
