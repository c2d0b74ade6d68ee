package academy.muse.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code backup restore}: each collection the archive holds (all, or those of {@code --database}) is dropped and
 * refilled with the archive's documents and indexes. Collections and databases the archive does not hold are not
 * touched. The archive is read through once before anything is dropped, so a partial, cut-short or foreign file
 * changes nothing.
 */
final class Restorer {

    /** Documents held for one insertMany (the driver splits it into messages); the byte bound caps the memory held. */
    private static final int BATCH_DOCUMENTS = 1000;
    private static final long BATCH_BYTES = 8L << 20;

    private final MongoClient client;
    private final PrintStream log;

    Restorer(MongoClient client, PrintStream log) {
        this.client = client;
        this.log = log;
    }

    void restore(Command.Restore command) {
        Path archive = command.archive();
        if (ArchiveFiles.isPartial(archive)) {
            throw new IllegalArgumentException(archive + " is a partial archive (its dump did not finish): pick one "
                    + "without " + ArchiveFiles.PARTIAL_SUFFIX);
        }
        if (!Files.isRegularFile(archive)) {
            throw new IllegalArgumentException(archive + " is not a file");
        }
        ArchiveReader.Contents contents = ArchiveReader.check(archive);
        Optional<String> database = command.database();
        if (database.isPresent() && contents.collections().stream().noneMatch(c -> c.database().equals(database.get()))) {
            throw new IllegalArgumentException(archive + " holds no collection of the database " + database.get());
        }
        log.println("restoring " + archive + (database.map(name -> " (database " + name + " only)").orElse(""))
                + ": " + contents.collections().size() + " collections, " + contents.documents() + " documents");
        Refill refill = new Refill(database);
        ArchiveReader.read(archive, refill);
        refill.finishCollection();
    }

    /** Follows the archive: a collection entry finishes the previous collection and empties the next. */
    private final class Refill implements ArchiveReader.Visitor {

        private final Optional<String> database;
        private final List<BsonDocument> batch = new ArrayList<>();
        private long batchBytes;
        private CollectionDump current;
        private MongoCollection<BsonDocument> target;
        private long restored;

        Refill(Optional<String> database) {
            this.database = database;
        }

        @Override
        public void collection(CollectionDump collection) {
            finishCollection();
            if (database.isPresent() && !database.get().equals(collection.database())) {
                return;
            }
            current = collection;
            MongoDatabase db = client.getDatabase(collection.database());
            db.getCollection(collection.collection()).drop();
            // Created explicitly, so that an empty collection comes back too, with the options it had.
            BsonDocument create = new BsonDocument("create", new BsonString(collection.collection()));
            create.putAll(collection.options());
            db.runCommand(create);
            target = db.getCollection(collection.collection(), BsonDocument.class);
        }

        @Override
        public void document(BsonDocument document, int jsonLength) {
            if (current == null) {
                return;
            }
            batch.add(document);
            batchBytes += jsonLength;
            if (batch.size() >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) {
                flush();
            }
        }

        void finishCollection() {
            if (current == null) {
                return;
            }
            flush();
            List<BsonDocument> indexes = current.indexes().stream().filter(index -> !isIdIndex(index))
                    .map(Restorer::withoutServerFields).toList();
            if (!indexes.isEmpty()) {
                client.getDatabase(current.database()).runCommand(new BsonDocument("createIndexes",
                        new BsonString(current.collection())).append("indexes", new BsonArray(indexes)));
            }
            log.println("restored " + current.namespace() + ": " + restored + " documents, " + indexes.size()
                    + " indexes besides _id");
            current = null;
            restored = 0;
        }

        private void flush() {
            if (!batch.isEmpty()) {
                target.insertMany(batch);
                restored += batch.size();
                batch.clear();
                batchBytes = 0;
            }
        }
    }

    private static boolean isIdIndex(BsonDocument index) {
        return index.getString("name", new BsonString("")).getValue().equals("_id_");
    }

    /** The version and namespace fields are the server's to set; createIndexes refuses or ignores them. */
    private static BsonDocument withoutServerFields(BsonDocument index) {
        BsonDocument copy = index.clone();
        copy.remove("v");
        copy.remove("ns");
        return copy;
    }
}
