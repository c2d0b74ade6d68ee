package academy.muse.scheduling.accounts;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import com.mongodb.client.model.Filters;
import org.bson.codecs.pojo.annotations.BsonId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What scheduling knows of an account: its zone and name, from the gateway's {@code account.*} events.
 * A small read model, so each participant sees a lesson in their own zone.
 */
@MongoEntity(collection = "account_zones")
public class AccountZone extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    public String zone;
    public String displayName;

    /** The known zones of these accounts; accounts not heard of yet are absent. */
    public static Map<String, String> zonesOf(Collection<String> accountIds) {
        return known(accountIds).values().stream()
                .filter(account -> account.zone != null)
                .collect(Collectors.toMap(account -> account.id, account -> account.zone));
    }

    /** The accounts scheduling has heard of, by id. */
    public static Map<String, AccountZone> known(Collection<String> accountIds) {
        return AccountZone.<AccountZone>mongoCollection().find(Filters.in("_id", accountIds))
                .into(new ArrayList<>()).stream()
                .collect(Collectors.toMap(account -> account.id, account -> account));
    }
}
