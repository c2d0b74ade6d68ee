package academy.muse.backup;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as the CronJob and the restore Pod call it: arguments, environment, exit status, output. */
class BackupMainTest {

    private static final String PASSWORD = "S3cr%40t-pw";

    @TempDir
    Path backups;

    private final Stores source = new Stores();
    private final Stores target = new Stores();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    @Test
    void aDumpWithTheUriFromTheEnvironmentRestoresWithTheUriFromAFile() throws IOException {
        source.collection("rooms", "rooms").insertOne(new BsonDocument("_id", new BsonString("r-1")));
        assertThat(run(Map.of("MONGODB_URI", source.uri()), "dump", "--to", backups.toString(), "--keep", "2"))
                .as(err.toString()).isZero();
        Path archive = ArchiveFiles.completeNewestFirst(backups).get(0);
        Path uriFile = Files.writeString(backups.resolve("uri"), target.uri() + "\n");

        assertThat(run(Map.of("MONGODB_URI_FILE", uriFile.toString()), "restore", "--from", archive.toString()))
                .as(err.toString()).isZero();
        assertThat(target.documents("rooms", "rooms")).containsOnlyKeys(new BsonString("r-1"));
        assertThat(out.toString()).contains("wrote " + archive, "restored rooms.rooms: 1 documents");
    }

    @Test
    void theUriIsNotAcceptedAsAnArgument() {
        int status = run(Map.of("MONGODB_URI", source.uri()), "dump", "--to", backups.toString(), "--keep", "2",
                "--uri", source.uri());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("unknown option --uri", "MONGODB_URI_FILE");
    }

    @Test
    void withoutAUriOrWithTwoNothingRuns() {
        assertThat(run(Map.of(), "dump", "--to", backups.toString(), "--keep", "2")).isEqualTo(2);
        assertThat(run(Map.of("MONGODB_URI", source.uri(), "MONGODB_URI_FILE", "/nowhere"), "dump", "--to",
                backups.toString(), "--keep", "2")).isEqualTo(2);
        assertThat(run(Map.of("MONGODB_URI", source.uri()), "dump", "--to", backups.toString(), "--keep", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("set exactly one of", "--keep must be at least 1");
    }

    @Test
    void aFailedDumpPrintsNoPasswordAndLeavesNoFile() throws IOException {
        String uri = source.uri().replace("mongodb://", "mongodb://root:" + PASSWORD + "@")
                + "/?authSource=admin&serverSelectionTimeoutMS=3000&connectTimeoutMS=3000";

        int status = run(Map.of("MONGODB_URI", uri), "dump", "--to", backups.toString(), "--keep", "2");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("backup dump failed").doesNotContain(PASSWORD).doesNotContain("S3cr@t-pw");
        assertThat(out.toString()).doesNotContain(PASSWORD).doesNotContain("S3cr@t-pw");
        try (var files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void aPasswordFromItsOwnVariableIsUsedAndNeverPrinted() throws IOException {
        String password = "p@ss/word:with?reserved#characters";
        int status = run(Map.of("MONGODB_URI", source.uri() + "/?serverSelectionTimeoutMS=3000",
                "MONGODB_USERNAME", "root", "MONGODB_PASSWORD", password), "dump", "--to", backups.toString(), "--keep", "2");

        // devstack's store has no authentication: that the attempt fails proves the credential was sent.
        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Exception authenticating", "userName='root'", "source='admin'")
                .doesNotContain(password);
        assertThat(run(Map.of("MONGODB_URI", source.uri(), "MONGODB_USERNAME", "root"), "dump", "--to",
                backups.toString(), "--keep", "2")).isEqualTo(2);
        try (var files = Files.list(backups)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    private int run(Map<String, String> environment, String... args) {
        return BackupMain.run(List.of(args), environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
