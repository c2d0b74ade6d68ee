package academy.muse.mediastore.filesystem;

import academy.muse.mediastore.BoundedInputStream;
import academy.muse.mediastore.ByteRange;
import academy.muse.mediastore.MediaKeys;
import academy.muse.mediastore.MediaNotFoundException;
import academy.muse.mediastore.MediaStorage;
import academy.muse.mediastore.MediaStorageException;
import academy.muse.mediastore.StoredObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Media storage in a directory (in the cluster: a persistent volume shared by recordings and vod). An object is the
 * file {@code root/key}. Appends go straight into that file and are fsync'ed before they return; whole writes go to
 * a hidden temporary file that is fsync'ed and then renamed over the key, so readers never see half an object.
 */
public class FilesystemMediaStorage implements MediaStorage {

    private static final int BUFFER_SIZE = 64 * 1024;
    private static final String TEMPORARY_PREFIX = ".writing-";

    private final Path root;

    public FilesystemMediaStorage(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new MediaStorageException("cannot create media root " + this.root, e);
        }
    }

    @Override
    public long write(String key, InputStream data) {
        Path target = pathOf(key);
        Path temporary = target.resolveSibling(TEMPORARY_PREFIX + UUID.randomUUID());
        try {
            createParentDirectories(target);
            long size;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = copy(data, channel, null);
                channel.force(true);
            }
            moveAtomically(temporary, target);
            syncDirectory(target.getParent());
            return size;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new MediaStorageException("cannot write " + key, e);
        }
    }

    @Override
    public long append(String key, long offset, InputStream data) {
        Path target = pathOf(key);
        try {
            createParentDirectories(target);
            boolean created = !Files.exists(target);
            try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                positionAt(key, channel, offset);
                EarlyFlush flush = new EarlyFlush(channel);
                try {
                    copy(data, channel, flush);
                } finally {
                    // Bytes that arrived before a failure are kept too: the caller learns how many from size().
                    flush.finish();
                    channel.force(true);
                }
                if (created) {
                    syncDirectory(target.getParent());
                }
                return channel.size();
            }
        } catch (IOException e) {
            throw new MediaStorageException("cannot append to " + key + " at " + offset, e);
        }
    }

    @Override
    public void truncate(String key, long length) {
        try (FileChannel channel = FileChannel.open(existing(key), StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        } catch (IOException e) {
            throw new MediaStorageException("cannot truncate " + key, e);
        }
    }

    @Override
    public void complete(String key) {
        existing(key);
    }

    @Override
    public InputStream read(String key) {
        try {
            return Files.newInputStream(existing(key));
        } catch (IOException e) {
            throw new MediaStorageException("cannot read " + key, e);
        }
    }

    @Override
    public InputStream read(String key, ByteRange range) {
        try {
            SeekableByteChannel channel = Files.newByteChannel(existing(key), StandardOpenOption.READ);
            long length = range.lengthWithin(channel.size());
            channel.position(Math.min(range.first(), channel.size()));
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new MediaStorageException("cannot read " + key, e);
        }
    }

    @Override
    public long size(String key) {
        try {
            return Files.size(existing(key));
        } catch (IOException e) {
            throw new MediaStorageException("cannot read the size of " + key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new MediaStorageException("cannot delete " + key, e);
        }
    }

    @Override
    public List<StoredObject> list(String prefix) {
        MediaKeys.checkPrefix(prefix);
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash));
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile)
                    .map(this::keyOf)
                    .filter(key -> key.startsWith(prefix) && isKey(key))
                    .sorted()
                    .map(key -> new StoredObject(key, size(key)))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new MediaStorageException("cannot list " + prefix, e);
        }
    }

    private Path pathOf(String key) {
        return root.resolve(MediaKeys.check(key));
    }

    private Path existing(String key) {
        Path path = pathOf(key);
        if (!Files.isRegularFile(path)) {
            throw new MediaNotFoundException(key);
        }
        return path;
    }

    private String keyOf(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private static boolean isKey(String key) {
        try {
            MediaKeys.check(key);
            return true;
        } catch (IllegalArgumentException temporaryOrForeignFile) {
            return false;
        }
    }

    private static void positionAt(String key, FileChannel channel, long offset) throws IOException {
        long size = channel.size();
        if (offset > size) {
            throw new MediaStorageException("cannot append to " + key + " at " + offset + ": it holds " + size + " bytes");
        }
        if (offset < size) {
            channel.truncate(offset);
        }
        channel.position(offset);
    }

    /** Copies {@code data} to the channel's position; tells {@code flush} (may be null) of every write. */
    private static long copy(InputStream data, FileChannel channel, EarlyFlush flush) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int read;
        while ((read = data.read(buffer)) != -1) {
            ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, read);
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            total += read;
            if (flush != null) {
                flush.wrote(read);
            }
        }
        return total;
    }

    private void createParentDirectories(Path target) throws IOException {
        Path parent = target.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            syncDirectory(parent.getParent());
        }
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A new or renamed file survives a crash only once its directory entry is on disk too. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException directoriesCannotBeSyncedHere) {
            // Some filesystems refuse to open a directory for syncing; the file itself is synced already.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (NoSuchFileException ignored) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
