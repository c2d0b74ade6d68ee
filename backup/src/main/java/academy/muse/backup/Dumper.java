package academy.muse.backup;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code backup dump}: every collection of every database but MongoDB's own (admin, local, config, and
 * {@code system.*} collections) into one new archive, then the oldest archives beyond {@code keep} deleted. Users
 * live in admin and are not dumped: the chart's mongodb-users Job makes them from their Secrets.
 */
final class Dumper {

    /** MongoDB's own databases: users, the replica set's oplog, sharding metadata. */
    private static final Set<String> SYSTEM_DATABASES = Set.of("admin", "local", "config");

    private final MongoClient client;
    private final Clock clock;
    private final PrintStream log;

    Dumper(MongoClient client, Clock clock, PrintStream log) {
        this.client = client;
        this.clock = clock;
        this.log = log;
    }

    /** Writes the archive and returns its path; on any failure its partial file is gone and nothing is rotated. */
    Path dump(Command.Dump command) throws IOException {
        Instant started = clock.instant();
        Path archive = command.directory().resolve(ArchiveFiles.nameAt(started));
        Path partial = ArchiveFiles.partial(archive);
        if (Files.exists(archive)) {
            throw new FileAlreadyExistsException(archive.toString(), null, "an archive of this second exists already");
        }
        ArchiveFiles.leftPartial(command.directory())
                .forEach(file -> log.println("warning: " + file + " was left by an interrupted run; delete it when none runs"));
        long documents;
        try (FileChannel file = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ArchiveWriter writer = new ArchiveWriter(Channels.newOutputStream(file), started);
            for (CollectionDump collection : collections()) {
                write(collection, writer);
            }
            writer.finish();
            documents = writer.documents();
            // On disk before the rename makes it look complete: a power cut must not leave a named, empty archive.
            file.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(command.directory());
        log.println("wrote " + archive + " (" + documents + " documents)");
        rotate(command);
        return archive;
    }

    private List<CollectionDump> collections() {
        List<CollectionDump> collections = new ArrayList<>();
        for (String name : client.listDatabaseNames().into(new ArrayList<>()).stream().sorted().toList()) {
            if (!isDumped(name, "")) {
                continue;
            }
            MongoDatabase database = client.getDatabase(name);
            for (BsonDocument info : database.listCollections(BsonDocument.class).into(new ArrayList<>())) {
                String collection = info.getString("name").getValue();
                // Views and time series are not collections of documents of their own; none of ours uses them.
                boolean plain = info.getString("type", new org.bson.BsonString("collection")).getValue().equals("collection");
                if (plain && isDumped(name, collection)) {
                    collections.add(new CollectionDump(name, collection,
                            info.getDocument("options", new BsonDocument()),
                            database.getCollection(collection).listIndexes(BsonDocument.class).into(new ArrayList<>())));
                }
            }
        }
        collections.sort(java.util.Comparator.comparing(CollectionDump::namespace));
        return collections;
    }

    /** Ours, not MongoDB's: outside admin, local and config, and not a {@code system.*} collection. */
    static boolean isDumped(String database, String collection) {
        return !SYSTEM_DATABASES.contains(database) && !collection.startsWith("system.");
    }

    private void write(CollectionDump collection, ArchiveWriter writer) throws IOException {
        writer.collection(collection);
        MongoCollection<RawBsonDocument> documents = client.getDatabase(collection.database())
                .getCollection(collection.collection(), RawBsonDocument.class);
        long count = 0;
        try (MongoCursor<RawBsonDocument> cursor = documents.find().iterator()) {
            while (cursor.hasNext()) {
                writer.document(cursor.next());
                count++;
            }
        }
        log.println("dumped " + collection.namespace() + ": " + count + " documents, "
                + collection.indexes().size() + " indexes");
    }

    private void rotate(Command.Dump command) throws IOException {
        List<Path> archives = ArchiveFiles.completeNewestFirst(command.directory());
        for (Path old : archives.subList(Math.min(command.keep(), archives.size()), archives.size())) {
            Files.delete(old);
            log.println("deleted " + old + " (keeping the newest " + command.keep() + ")");
        }
    }

    /** Makes the rename itself durable (Linux syncs a directory opened for reading). */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + directory, e);
        }
    }
}
