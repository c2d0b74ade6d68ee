package academy.muse.backup;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import java.util.List;

/**
 * One collection's entry in an archive, written before its documents: where it lives, the options it was created
 * with (capped size, validator, collation…) and the definitions of its indexes as {@code listIndexes} gave them.
 */
record CollectionDump(String database, String collection, BsonDocument options, List<BsonDocument> indexes) {

    String namespace() {
        return database + "." + collection;
    }

    BsonDocument toBson() {
        return new BsonDocument("database", new BsonString(database))
                .append("collection", new BsonString(collection))
                .append("options", options)
                .append("indexes", new BsonArray(indexes));
    }

    static CollectionDump fromBson(BsonDocument entry) {
        return new CollectionDump(entry.getString("database").getValue(), entry.getString("collection").getValue(),
                entry.getDocument("options"),
                entry.getArray("indexes").getValues().stream().map(BsonValue::asDocument).toList());
    }
}
