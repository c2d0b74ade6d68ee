package academy.muse.devstack.store;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;

/** The in-memory store (tests), with filters that pin {@code _id} served from its index ({@link IdLookup}). */
public final class IdIndexedMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new Collection(this, collectionName, options, cursorRegistry);
            }
        };
    }

    private static final class Collection extends MemoryCollection {

        Collection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
        }

        @Override
        protected QueryResult queryDocuments(Document filter, Document orderBy, int skip, int limit, int batchSize,
                                             Document projection) {
            return IdLookup.query(getIndexes(), filter,
                    positions -> matchDocuments(filter, positions, orderBy, skip, limit, batchSize, projection),
                    () -> super.queryDocuments(filter, orderBy, skip, limit, batchSize, projection));
        }
    }
}
