package academy.muse.devstack.testing;

import academy.muse.devstack.DevKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One set of development keys per test JVM, in a temporary directory. */
public final class TestKeys {

    private static Path directory;

    private TestKeys() {
    }

    public static synchronized Path directory() {
        if (directory == null) {
            try {
                directory = DevKeys.ensure(Files.createTempDirectory("muse-test-keys"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return directory;
    }
}
