package academy.muse.backup;

import com.mongodb.MongoWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dumps and restores against devstack's real MongoDB-wire store (the same driver calls MongoDB gets). */
class DumpAndRestoreTest {

    private static final Instant NIGHT = Instant.parse("2026-12-03T03:30:00Z");

    @TempDir
    Path backups;

    private final Stores source = new Stores();
    private final Stores target = new Stores();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    @Test
    void everyTypeTheServicesStoreComesBackExactly() throws IOException {
        BsonDocument lesson = lessonWithEveryType();
        BsonDocument stringId = new BsonDocument("_id", new BsonString("l-" + UUID.randomUUID()))
                .append("seriesId", BsonNull.VALUE).append("minutes", new BsonInt32(45));
        source.collection("scheduling", "lessons").insertMany(List.of(lesson, stringId));

        restore(dump(NIGHT), Optional.empty());

        assertThat(target.documents("scheduling", "lessons")).isEqualTo(Map.of(
                lesson.get("_id"), lesson.toJson(ArchiveWriter.CANONICAL),
                stringId.get("_id"), stringId.toJson(ArchiveWriter.CANONICAL)));
    }

    @Test
    void aCollectionLargerThanOneInsertBatchComesBackWhole() throws IOException {
        List<BsonDocument> events = java.util.stream.IntStream.range(0, 2_500)
                .mapToObj(i -> new BsonDocument("_id", new BsonString("e-" + i)).append("sequence", new BsonInt64(i)))
                .toList();
        source.collection("rooms", "outbox").insertMany(events);

        restore(dump(NIGHT), Optional.empty());

        assertThat(target.documents("rooms", "outbox")).isEqualTo(source.documents("rooms", "outbox")).hasSize(2_500);
    }

    @Test
    void indexesComeBackWithTheirNamesKeysAndUniqueness() throws IOException {
        var accounts = source.collection("gateway", "accounts");
        accounts.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email_unique"));
        accounts.createIndex(Indexes.compoundIndex(Indexes.ascending("tenant"), Indexes.descending("createdAt")),
                new IndexOptions().unique(true).name("tenant_created"));
        accounts.insertOne(new BsonDocument("email", new BsonString("sara@example.org")));
        List<BsonDocument> indexes = source.indexes("gateway", "accounts");
        assertThat(indexes).hasSize(3);

        restore(dump(NIGHT), Optional.empty());

        assertThat(target.indexes("gateway", "accounts")).isEqualTo(indexes);
        assertThatThrownBy(() -> target.collection("gateway", "accounts")
                .insertOne(new BsonDocument("email", new BsonString("sara@example.org"))))
                .isInstanceOf(MongoWriteException.class).hasMessageContaining("E11000");
    }

    @Test
    void restoringOverChangedDataGivesBackTheDumpsStateAndTouchesNothingElse() throws IOException {
        var lessons = source.collection("scheduling", "lessons");
        lessons.insertMany(List.of(doc("l-1", "planned"), doc("l-2", "planned")));
        source.collection("scheduling", "series").insertOne(doc("s-1", "weekly"));
        source.collection("rooms", "rooms").insertOne(doc("r-1", "open"));
        Map<BsonValue, String> lessonsAtDump = source.documents("scheduling", "lessons");
        Path archive = dump(NIGHT);

        lessons.deleteOne(new BsonDocument("_id", new BsonString("l-1")));
        lessons.replaceOne(new BsonDocument("_id", new BsonString("l-2")), doc("l-2", "cancelled"));
        lessons.insertOne(doc("l-3", "written after the dump"));
        lessons.createIndex(Indexes.ascending("state"), new IndexOptions().unique(true).name("added_after"));
        source.client.getDatabase("scheduling").getCollection("series").drop();
        source.collection("scheduling", "later").insertOne(doc("x-1", "a collection the dump does not hold"));
        source.collection("vod", "assets").insertOne(doc("a-1", "a database the dump does not hold"));
        restore(archive, Optional.empty(), source);

        assertThat(source.documents("scheduling", "lessons")).isEqualTo(lessonsAtDump);
        assertThat(source.indexes("scheduling", "lessons")).extracting(index -> index.getString("name").getValue())
                .containsExactly("_id_");
        assertThat(source.documents("scheduling", "series")).containsOnlyKeys(new BsonString("s-1"));
        assertThat(source.documents("scheduling", "later")).containsOnlyKeys(new BsonString("x-1"));
        assertThat(source.documents("vod", "assets")).containsOnlyKeys(new BsonString("a-1"));
    }

    @Test
    void restoringOneDatabaseLeavesTheOthersAsTheyAre() throws IOException {
        source.collection("scheduling", "lessons").insertOne(doc("l-1", "planned"));
        source.collection("rooms", "rooms").insertOne(doc("r-1", "open"));
        Path archive = dump(NIGHT);
        source.collection("scheduling", "lessons").insertOne(doc("l-2", "after"));
        source.collection("rooms", "rooms").insertOne(doc("r-2", "after"));

        restore(archive, Optional.of("rooms"), source);

        assertThat(source.documents("rooms", "rooms")).containsOnlyKeys(new BsonString("r-1"));
        assertThat(source.documents("scheduling", "lessons")).containsOnlyKeys(new BsonString("l-1"), new BsonString("l-2"));
        assertThatThrownBy(() -> restore(archive, Optional.of("romos"), source))
                .hasMessageContaining("holds no collection of the database romos");
    }

    @Test
    void anEmptyCollectionComesBackEmptyWithItsIndexes() throws IOException {
        source.collection("recordings", "uploads").createIndex(Indexes.ascending("uploadId"),
                new IndexOptions().unique(true).name("upload_unique"));

        restore(dump(NIGHT), Optional.empty());

        assertThat(target.collectionNames("recordings")).containsExactly("uploads");
        assertThat(target.indexes("recordings", "uploads")).isEqualTo(source.indexes("recordings", "uploads"));
    }

    @Test
    void mongodbsOwnDatabasesAndSystemCollectionsAreNotDumped() throws IOException {
        source.collection("scheduling", "lessons").insertOne(doc("l-1", "planned"));
        source.client.getDatabase("local").getCollection("startup_log", BsonDocument.class)
                .insertOne(doc("host-1", "MongoDB's own"));
        assertThat(source.client.listDatabaseNames()).contains("local");

        ArchiveReader.Contents contents = ArchiveReader.check(dump(NIGHT));

        assertThat(contents.collections()).extracting(CollectionDump::namespace).containsExactly("scheduling.lessons");
        assertThat(contents.documents()).isEqualTo(1);
        // The store refuses system.* collections and admin writes, which MongoDB has; the rule itself, then:
        assertThat(Dumper.isDumped("admin", "things")).isFalse();
        assertThat(Dumper.isDumped("config", "chunks")).isFalse();
        assertThat(Dumper.isDumped("scheduling", "system.profile")).isFalse();
        assertThat(Dumper.isDumped("scheduling", "lessons")).isTrue();
    }

    @Test
    void aPartialArchiveIsRefusedAndChangesNothing() throws IOException {
        source.collection("scheduling", "lessons").insertOne(doc("l-1", "planned"));
        Path partial = ArchiveFiles.partial(dump(NIGHT));
        Files.move(partial.resolveSibling(partial.getFileName().toString().replace(".partial", "")), partial);
        target.collection("scheduling", "lessons").insertOne(doc("l-9", "kept"));

        assertThatThrownBy(() -> restore(partial, Optional.empty())).hasMessageContaining("is a partial archive");
        assertThat(target.documents("scheduling", "lessons")).containsOnlyKeys(new BsonString("l-9"));
    }

    @Test
    void anArchiveCutShortIsRefusedBeforeAnythingIsDropped() throws IOException {
        source.collection("scheduling", "lessons").insertMany(List.of(doc("l-1", "planned"), doc("l-2", "planned")));
        Path archive = dump(NIGHT);
        byte[] whole = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(whole, whole.length - 12));
        target.collection("scheduling", "lessons").insertOne(doc("l-9", "kept"));

        assertThatThrownBy(() -> restore(archive, Optional.empty()))
                .isInstanceOf(ArchiveReader.DamagedArchiveException.class);
        assertThat(target.documents("scheduling", "lessons")).containsOnlyKeys(new BsonString("l-9"));
    }

    @Test
    void eachRunWritesOneArchiveAndKeepsExactlyTheNewestN() throws IOException {
        source.collection("scheduling", "lessons").insertOne(doc("l-1", "planned"));
        Path foreign = Files.writeString(backups.resolve("notes.txt"), "an operator's file");

        List<Path> written = new java.util.ArrayList<>();
        for (int night = 0; night < 5; night++) {
            written.add(new Dumper(source.client, Clock.fixed(NIGHT.plusSeconds(86_400L * night), ZoneOffset.UTC),
                    new PrintStream(log, true, StandardCharsets.UTF_8)).dump(new Command.Dump(backups, 3)));
        }

        try (var files = Files.list(backups)) {
            assertThat(files.collect(Collectors.toSet())).containsExactlyInAnyOrder(
                    written.get(2), written.get(3), written.get(4), foreign);
        }
        assertThat(written.get(4).getFileName().toString()).isEqualTo("muse-20261207T033000Z.ejson.gz");
    }

    @Test
    void aSecondRunInTheSameSecondRefusesToOverwriteTheFirstsArchive() throws IOException {
        Path first = dump(NIGHT);
        byte[] before = Files.readAllBytes(first);

        assertThatThrownBy(() -> dump(NIGHT)).isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(first)).isEqualTo(before);
    }

    private Path dump(Instant at) throws IOException {
        return new Dumper(source.client, Clock.fixed(at, ZoneOffset.UTC), new PrintStream(log, true, StandardCharsets.UTF_8))
                .dump(new Command.Dump(backups, 7));
    }

    private void restore(Path archive, Optional<String> database) {
        restore(archive, database, target);
    }

    private void restore(Path archive, Optional<String> database, Stores into) {
        new Restorer(into.client, new PrintStream(log, true, StandardCharsets.UTF_8))
                .restore(new Command.Restore(archive, database));
    }

    private static BsonDocument doc(String id, String state) {
        return new BsonDocument("_id", new BsonString(id)).append("state", new BsonString(state));
    }

    /** The values the services' entities hold, including the ones relaxed JSON would turn into other types. */
    private static BsonDocument lessonWithEveryType() {
        return new BsonDocument("_id", new BsonObjectId(new ObjectId()))
                .append("startsAt", new BsonDateTime(Instant.parse("2026-12-08T09:00:00.123Z").toEpochMilli()))
                .append("thumbnail", new BsonBinary(new byte[] {0, 1, 2, (byte) 0xff}))
                .append("deviceId", new BsonBinary(UUID.fromString("6f1c1d8a-2f3e-4b5a-9c7d-1e2f3a4b5c6d")))
                .append("bytesStored", new BsonInt64(Long.MAX_VALUE))
                .append("smallLong", new BsonInt64(7))
                .append("minutes", new BsonInt32(-45))
                .append("ratio", new BsonDouble(0.1))
                .append("wholeDouble", new BsonDouble(3.0))
                .append("music", BsonBoolean.TRUE)
                .append("title", new BsonString("Geige, \"Grüße\"\nline two 🎻"))
                .append("cancelledAt", BsonNull.VALUE)
                .append("zone", new BsonDocument("id", new BsonString("Asia/Seoul"))
                        .append("wall", new BsonDocument("hour", new BsonInt32(18)).append("minute", new BsonInt32(0))))
                .append("participants", new BsonArray(List.of(
                        new BsonDocument("user", new BsonString("u-1")).append("role", new BsonString("teacher")),
                        new BsonString("u-2"), BsonNull.VALUE, new BsonInt64(1), new BsonDouble(1))))
                .append("emptyList", new BsonArray())
                .append("emptyObject", new BsonDocument());
    }
}
