package academy.muse.vod.ffmpeg;

import academy.muse.vod.config.VodConfig.FfmpegSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
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
        List<BundleEntry> entries = bundleEntries(executable);
        Path directory = cacheDirectory.resolve("bytedeco-ffmpeg-" + bundleVersion() + "-" + fingerprint(entries));
        if (!holdsTheBundle(directory, entries)) {
            directory = extract(entries, directory);
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
     * and renames it into place, so two replicas starting at once never run a half-written file. A directory that is
     * in place is never deleted or replaced: another replica may be running its binaries. Its name carries the
     * bundle's fingerprint, so a different bundle never shares it; should one hold something else all the same
     * (changed by hand), this process keeps its fresh copy as a directory of its own.
     *
     * @return the directory to run the tools from
     */
    private Path extract(List<BundleEntry> entries, Path directory) {
        Path staging = directory.resolveSibling(directory.getFileName() + ".staging-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            for (BundleEntry entry : entries) {
                try (InputStream in = classLoader.getResourceAsStream(BUNDLE + entry.name())) {
                    Path target = staging.resolve(entry.name());
                    Files.copy(in, target);
                    target.toFile().setExecutable(true, false);
                }
            }
            if (movedIntoPlace(staging, directory) || holdsTheBundle(directory, entries)) {
                return directory;
            }
            Path own = directory.resolveSibling(directory.getFileName() + ".process-" + ProcessHandle.current().pid()
                    + "-" + UUID.randomUUID());
            Files.move(staging, own, StandardCopyOption.ATOMIC_MOVE);
            return own;
        } catch (IOException | UncheckedIOException e) {
            throw new FfmpegException("cannot extract the bundled ffmpeg into " + directory + ": " + e.getMessage(), e);
        } finally {
            deleteTree(staging);
        }
    }

    /** Renames the staging directory into place unless a directory is there already (then leaves both alone). */
    private static boolean movedIntoPlace(Path staging, Path directory) throws IOException {
        try {
            Files.move(staging, directory, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileSystemException e) {
            // rename(2) onto a non-empty directory fails (Java reports ENOTEMPTY as a plain FileSystemException):
            // another process extracted the same bundle first; its copy may be in use and stays.
            if (Files.isDirectory(directory)) {
                return false;
            }
            throw e;
        }
    }

    /** One file of the bundle: its name, size and CRC as the jar records them (-1 where unknown). */
    private record BundleEntry(String name, long size, long crc) {
    }

    private static boolean holdsTheBundle(Path directory, List<BundleEntry> entries) {
        for (BundleEntry entry : entries) {
            Path file = directory.resolve(entry.name());
            try {
                if (!Files.isRegularFile(file) || Files.size(file) != entry.size()) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return Files.isExecutable(directory.resolve("ffmpeg"));
    }

    /** A short hash of the bundle's names, sizes and CRCs: a rebuilt jar of the same version gets its own directory. */
    private static String fingerprint(List<BundleEntry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            entries.stream().sorted(Comparator.comparing(BundleEntry::name)).forEach(entry -> digest.update(
                    (entry.name() + ":" + entry.size() + ":" + entry.crc() + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static List<BundleEntry> bundleEntries(URL executable) {
        try {
            return listBundle(executable);
        } catch (IOException | UncheckedIOException e) {
            throw new FfmpegException("cannot read the bundled ffmpeg at " + executable + ": " + e.getMessage(), e);
        }
    }

    private static List<BundleEntry> listBundle(URL executable) throws IOException {
        if ("jar".equals(executable.getProtocol())) {
            JarURLConnection connection = (JarURLConnection) executable.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                List<BundleEntry> found = new ArrayList<>();
                for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                    JarEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (name.startsWith(BUNDLE) && name.length() > BUNDLE.length() && !name.endsWith("/")) {
                        found.add(new BundleEntry(name.substring(BUNDLE.length()), entry.getSize(), entry.getCrc()));
                    }
                }
                return found;
            }
        }
        try (Stream<Path> files = Files.list(Path.of(executable.toURI()).getParent())) {
            List<BundleEntry> found = new ArrayList<>();
            for (Path file : files.toList()) {
                found.add(new BundleEntry(file.getFileName().toString(), Files.size(file), -1));
            }
            return found;
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
