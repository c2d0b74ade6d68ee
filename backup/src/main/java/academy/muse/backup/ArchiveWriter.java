package academy.muse.backup;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;

/**
 * Writes an archive: gzip over UTF-8 lines, each one JSON object with one key that says what it is: a header, a
 * {@code collection} entry followed by that collection's {@code document}s, and an {@code end} line with the counts.
 * Documents are canonical Extended JSON (relaxed off), so an Int64 stays an Int64 and a Double a Double; a reader
 * that finds no end line, or other counts, knows the archive is cut short.
 */
final class ArchiveWriter {

    static final String FORMAT = "muse-backup";
    static final int VERSION = 1;
    static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

    private final GZIPOutputStream gzip;
    private final Writer out;
    private int collections;
    private long documents;

    ArchiveWriter(OutputStream target, Instant created) throws IOException {
        this.gzip = new GZIPOutputStream(target, 1 << 16);
        this.out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8), 1 << 16);
        line(new BsonDocument("format", new BsonString(FORMAT)).append("version", new BsonInt32(VERSION))
                .append("created", new BsonDateTime(created.toEpochMilli())).toJson(CANONICAL));
    }

    void collection(CollectionDump collection) throws IOException {
        collections++;
        line(new BsonDocument("collection", collection.toBson()).toJson(CANONICAL));
    }

    void document(RawBsonDocument document) throws IOException {
        documents++;
        line("{\"document\": " + document.toJson(CANONICAL) + "}");
    }

    /** Writes the end line and the gzip trailer; the caller then syncs and closes the file. */
    void finish() throws IOException {
        line(new BsonDocument("end", new BsonDocument("collections", new BsonInt32(collections))
                .append("documents", new BsonInt64(documents))).toJson(CANONICAL));
        out.flush();
        gzip.finish();
        gzip.flush();
    }

    long documents() {
        return documents;
    }

    private void line(String json) throws IOException {
        out.write(json);
        out.write('\n');
    }
}
