package academy.muse.vod.ffmpeg;

import academy.muse.vod.config.VodConfig.FfmpegSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds a working ffmpeg/ffprobe pair: the executables bundled in the {@code org.bytedeco:ffmpeg} jar (extracted
 * once into a cache directory) or the system's. "Working" means they run here and ffmpeg has an H.264 encoder.
 */
public final class FfmpegLocator {

    static final String BUNDLE = "org/bytedeco/ffmpeg/linux-x86_64/";
    private static final String BUNDLE_VERSION = "META-INF/maven/org.bytedeco/ffmpeg/pom.properties";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final ClassLoader classLoader;
    private final Path cacheDirectory;
    private final String systemFfmpeg;
    private final String systemFfprobe;

    public FfmpegLocator(ClassLoader classLoader, Path cacheDirectory, String systemFfmpeg, String systemFfprobe) {
        this.classLoader = classLoader;
        this.cacheDirectory = cacheDirectory;
        this.systemFfmpeg = systemFfmpeg;
        this.systemFfprobe = systemFfprobe;
    }

    /** The tools the source names, or an exception that says what was tried and why each failed. */
    public FfmpegTools locate(FfmpegSource source) {
        List<String> failures = new ArrayList<>();
        if (source != FfmpegSource.SYSTEM) {
            try {
                return bundled();
            } catch (FfmpegException e) {
                failures.add("bundled: " + e.getMessage());
            }
        }
        if (source != FfmpegSource.BUNDLED) {
            try {
                return system();
            } catch (FfmpegException e) {
                failures.add("system: " + e.getMessage());
            }
        }
        throw new FfmpegException("No working ffmpeg (muse.vod.ffmpeg=" + source.name().toLowerCase()
                + "). Tried " + String.join("; ", failures)
                + ". Install ffmpeg (apt-get install -y ffmpeg) or set muse.vod.ffmpeg=bundled on linux-x86_64.");
    }

    public FfmpegTools bundled() {
        URL executable = classLoader.getResource(BUNDLE + "ffmpeg");
        if (executable == null) {
            throw new FfmpegException("the org.bytedeco:ffmpeg linux-x86_64 jar is not on the classpath");
        }
        Path directory = cacheDirectory.resolve("bytedeco-ffmpeg-" + bundleVersion());
        if (!Files.isExecutable(directory.resolve("ffmpeg"))) {
            extract(executable, directory);
        }
        return checked(directory.resolve("ffmpeg"), directory.resolve("ffprobe"), "bundled " + directory);
    }

    public FfmpegTools system() {
        Path ffmpeg = onPath(systemFfmpeg);
        Path ffprobe = onPath(systemFfprobe);
        return checked(ffmpeg, ffprobe, "system " + ffmpeg);
    }

    private FfmpegTools checked(Path ffmpeg, Path ffprobe, String origin) {
        Path log = scratchLog();
        try {
            String encoders = Processes.run(List.of(ffmpeg.toString(), "-hide_banner", "-encoders"), log, CHECK_TIMEOUT);
            Processes.run(List.of(ffprobe.toString(), "-hide_banner", "-version"), log, CHECK_TIMEOUT);
            H264Encoder h264 = H264Encoder.preferredIn(encoders);
            if (h264 == null || !encoders.contains(" aac ")) {
                throw new FfmpegException(ffmpeg + " has no H.264 encoder (libx264 or libopenh264) or no AAC encoder");
            }
            return new FfmpegTools(ffmpeg, ffprobe, h264, origin);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // Only a check's scratch log.
            }
        }
    }

    private Path scratchLog() {
        try {
            Files.createDirectories(cacheDirectory);
            return cacheDirectory.resolve("check-" + UUID.randomUUID() + ".log");
        } catch (IOException e) {
            throw new FfmpegException("cannot use the cache directory " + cacheDirectory + ": " + e.getMessage(), e);
        }
    }

    private static Path onPath(String name) {
        if (name.contains("/")) {
            return Path.of(name);
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        return Stream.of(path.split(":"))
                .map(directory -> Path.of(directory, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new FfmpegException(name + " is not on PATH"));
    }

    private String bundleVersion() {
        try (InputStream in = classLoader.getResourceAsStream(BUNDLE_VERSION)) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * Copies the bundle (executables and the libraries they load from their own directory) into a fresh directory
     * and renames it into place, so two replicas starting at once never run a half-written file.
     */
    private void extract(URL executable, Path directory) {
        Path staging = directory.resolveSibling(directory.getFileName() + ".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            for (String name : bundleEntries(executable)) {
                try (InputStream in = classLoader.getResourceAsStream(BUNDLE + name)) {
                    Path target = staging.resolve(name);
                    Files.copy(in, target);
                    target.toFile().setExecutable(true, false);
                }
            }
            moveIntoPlace(staging, directory);
        } catch (IOException | UncheckedIOException e) {
            throw new FfmpegException("cannot extract the bundled ffmpeg into " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    private static void moveIntoPlace(Path staging, Path directory) throws IOException {
        deleteTree(directory);
        try {
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            // Another process extracted the same version at the same moment; its copy is as good as ours.
        }
    }

    private static List<String> bundleEntries(URL executable) throws IOException {
        if ("jar".equals(executable.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) executable.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                List<String> names = new ArrayList<>();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    String name = entries.nextElement().getName();
                    if (name.startsWith(BUNDLE) && name.length() > BUNDLE.length() && !name.endsWith("/")) {
                        names.add(name.substring(BUNDLE.length()));
                    }
                }
                return names;
            }
        }
        try (Stream<Path> files = Files.list(Path.of(executable.toURI()).getParent())) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (URISyntaxException e) {
            throw new IOException("unexpected location of the bundled ffmpeg: " + executable, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // Leftovers in a cache directory cost disk space, not correctness.
        }
    }
}
