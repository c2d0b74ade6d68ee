package academy.muse.devstack.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;

/**
 * The H2-file store ({@code make run}), with filters that pin {@code _id} served from its index ({@link IdLookup}),
 * and every acknowledged write in the file before its answer goes out.
 *
 * <p>H2 itself writes its changes to the file once a second: a store killed in that second (a crash, an OOM kill,
 * the e2e suite's restart) came back without writes it had acknowledged, so a service that had stored an event or
 * advanced an upload found it gone. Committing after each message that changed something closes that window for a
 * crash of the process (the operating system still holds what was written; only a power loss can take it).
 */
public final class IdIndexedH2Backend extends H2Backend {

    public IdIndexedH2Backend(String fileName) {
        super(fileName);
    }

    @Override
    public Document handleMessage(MongoMessage message) {
        try {
            return super.handleMessage(message);
        } finally {
            commitIfChanged();
        }
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            commitIfChanged();
        }
    }

    private void commitIfChanged() {
        if (getMvStore().hasUnsavedChanges()) {
            commit();
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
            @Override
            protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
                String name = getFullCollectionNamespace(collectionName);
                return new Collection(this, collectionName, options, getMvStore().openMap("databases." + name),
                        getMvStore().openMap("meta." + name), cursorRegistry);
            }
        };
    }

    private static final class Collection extends H2Collection {

        Collection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> data,
                   MVMap<String, Object> meta, CursorRegistry cursors) {
            super(database, name, options, data, meta, cursors);
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
