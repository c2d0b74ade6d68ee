package academy.muse.backup;

import org.bson.BsonDocument;
import org.bson.json.JsonParseException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads an archive {@link ArchiveWriter} wrote, handing each collection entry and document to a {@link Visitor}
 * in order, and refuses one that is not whole: a cut-off gzip stream, a line that is not ours, or an end line
 * missing or with other counts.
 */
final class ArchiveReader {

    interface Visitor {
        void collection(CollectionDump collection);

        /** @param jsonLength the length of its line, a cheap measure of its size */
        void document(BsonDocument document, int jsonLength);
    }

    /** What an archive holds, known only once it was read to its end line. */
    record Contents(List<CollectionDump> collections, long documents) {
    }

    static final class DamagedArchiveException extends RuntimeException {
        DamagedArchiveException(Path archive, String why, Throwable cause) {
            super(archive + " is not a whole backup archive: " + why, cause);
        }
    }

    private ArchiveReader() {
    }

    /** Reads without acting: proves the archive whole before anything is dropped. */
    static Contents check(Path archive) {
        return read(archive, new Visitor() {
            @Override
            public void collection(CollectionDump collection) {
            }

            @Override
            public void document(BsonDocument document, int jsonLength) {
            }
        });
    }

    static Contents read(Path archive, Visitor visitor) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(archive), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            return read(archive, in, visitor);
        } catch (IOException e) {
            throw new DamagedArchiveException(archive, "cannot read it (" + e.getMessage() + ")", e);
        } catch (JsonParseException e) {
            throw new DamagedArchiveException(archive, "a line is not Extended JSON (" + e.getMessage() + ")", e);
        }
    }

    private static Contents read(Path archive, BufferedReader in, Visitor visitor) throws IOException {
        BsonDocument header = parse(archive, in.readLine());
        if (!ArchiveWriter.FORMAT.equals(header.getString("format", new org.bson.BsonString("")).getValue())
                || header.getInt32("version", new org.bson.BsonInt32(-1)).getValue() != ArchiveWriter.VERSION) {
            throw new DamagedArchiveException(archive, "no " + ArchiveWriter.FORMAT + " version "
                    + ArchiveWriter.VERSION + " header", null);
        }
        List<CollectionDump> collections = new ArrayList<>();
        long documents = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            BsonDocument entry = parse(archive, line);
            String kind = entry.getFirstKey();
            switch (kind) {
                case "document" -> {
                    if (collections.isEmpty()) {
                        throw new DamagedArchiveException(archive, "a document before any collection", null);
                    }
                    documents++;
                    visitor.document(entry.getDocument(kind), line.length());
                }
                case "collection" -> {
                    CollectionDump collection = CollectionDump.fromBson(entry.getDocument(kind));
                    collections.add(collection);
                    visitor.collection(collection);
                }
                case "end" -> {
                    BsonDocument end = entry.getDocument(kind);
                    if (end.getInt32("collections").getValue() != collections.size()
                            || end.getInt64("documents").getValue() != documents || in.readLine() != null) {
                        throw new DamagedArchiveException(archive, "its end line does not match what precedes it", null);
                    }
                    return new Contents(List.copyOf(collections), documents);
                }
                default -> throw new DamagedArchiveException(archive, "an unknown line '" + kind + "'", null);
            }
        }
        throw new DamagedArchiveException(archive, "it has no end line (cut short)", null);
    }

    private static BsonDocument parse(Path archive, String line) {
        if (line == null || line.isBlank()) {
            throw new DamagedArchiveException(archive, "it is empty or has an empty line", null);
        }
        return BsonDocument.parse(line);
    }
}
