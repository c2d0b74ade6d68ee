package academy.muse.devstack.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.bson.Document;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Serves a filter that pins {@code _id} (a value or an {@code $in}) beside other conditions from the {@code _id}
 * index, as MongoDB does (also when it is one member of a top-level {@code $and}). mongo-java-server uses an index only when a filter names exactly that index's keys, so
 * {@code {_id: x, state: "scheduled"}} (every atomic claim and conditional update) scans the whole collection
 * under its lock. Here the index yields the documents with those ids and the whole filter is then matched against
 * each of them: only documents the {@code _id} part admits can match the filter, so the result is the same.
 */
final class IdLookup {

    static final String ID = "_id";

    private IdLookup() {
    }

    /** Serves the filter from the {@code _id} index when it pins {@code _id}, else as the store would. */
    static <P> QueryResult query(List<Index<P>> indexes, Document filter, Function<Iterable<P>, QueryResult> matchAt,
                                 Supplier<QueryResult> otherwise) {
        return positions(indexes, filter).map(matchAt).orElseGet(otherwise);
    }

    /** The positions of the documents the filter's {@code _id} part admits; empty when it has none to look up. */
    static <P> Optional<Iterable<P>> positions(List<Index<P>> indexes, Document filter) {
        return idPart(filter).flatMap(idPart -> indexes.stream().filter(IdLookup::isIdIndex)
                .filter(index -> index.canHandle(idPart)).findFirst().map(index -> index.getPositions(idPart)));
    }

    /**
     * The {@code _id} condition that every match must meet: beside other fields, or as one member of a top-level
     * {@code $and} (the Java driver renders {@code Filters.and(...)} that way). Empty for {@code _id} alone, which
     * the store already looks up itself.
     */
    private static Optional<Document> idPart(Document filter) {
        if (filter.containsKey(ID)) {
            return filter.size() == 1 ? Optional.empty() : Optional.of(new Document(ID, filter.get(ID)));
        }
        if (filter.get("$and") instanceof List<?> members) {
            return members.stream().filter(Document.class::isInstance).map(Document.class::cast)
                    .filter(member -> member.containsKey(ID)).findFirst()
                    .map(member -> new Document(ID, member.get(ID)));
        }
        return Optional.empty();
    }

    private static boolean isIdIndex(Index<?> index) {
        List<IndexKey> keys = index.getKeys();
        return index.isUnique() && keys.size() == 1 && ID.equals(keys.get(0).getKey());
    }
}
