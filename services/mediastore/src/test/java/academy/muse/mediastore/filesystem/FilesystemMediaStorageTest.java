package academy.muse.mediastore.filesystem;

import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FilesystemMediaStorageTest extends MediaStorageContractTest {

    @TempDir
    Path root;

    @Override
    protected MediaStorage createStorage() {
        return new FilesystemMediaStorage(root);
    }

    @Test
    void anObjectIsAFileUnderTheRootWithNoTemporaryFileLeftBehind() throws Exception {
        storage.write(key("lesson/a.webm"), new ByteArrayInputStream(randomBytes(10)));

        Path file = root.resolve(key("lesson/a.webm"));
        assertThat(file).isRegularFile().hasSize(10);
        try (var siblings = Files.list(file.getParent())) {
            assertThat(siblings).containsExactly(file);
        }
    }
}
