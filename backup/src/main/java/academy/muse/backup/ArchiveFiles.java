package academy.muse.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The archives' names in the backup directory: {@code muse-<UTC time>.ejson.gz}, written first as
 * {@code <name>.partial} and renamed once complete, so a file with the final name is always a whole archive. The
 * time in the name orders them (the files' own times may change when a NAS copies them).
 */
final class ArchiveFiles {

    static final String PARTIAL_SUFFIX = ".partial";
    private static final Pattern COMPLETE = Pattern.compile("muse-\\d{8}T\\d{6}Z\\.ejson\\.gz");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private ArchiveFiles() {
    }

    static String nameAt(Instant time) {
        return "muse-" + TIME.format(time) + ".ejson.gz";
    }

    static Path partial(Path archive) {
        return archive.resolveSibling(archive.getFileName() + PARTIAL_SUFFIX);
    }

    static boolean isPartial(Path file) {
        return file.getFileName().toString().endsWith(PARTIAL_SUFFIX);
    }

    /** The complete archives in {@code directory}, newest first. */
    static List<Path> completeNewestFirst(Path directory) {
        return list(directory, file -> COMPLETE.matcher(file.getFileName().toString()).matches());
    }

    /** Archives a run left unfinished (killed before its rename); a finished run deletes its own on failure. */
    static List<Path> leftPartial(Path directory) {
        return list(directory, file -> isPartial(file) && file.getFileName().toString().startsWith("muse-"));
    }

    private static List<Path> list(Path directory, java.util.function.Predicate<Path> filter) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile).filter(filter)
                    .sorted(Comparator.comparing((Path file) -> file.getFileName().toString()).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }
}
