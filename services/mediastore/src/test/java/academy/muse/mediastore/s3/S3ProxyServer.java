package academy.muse.mediastore.s3;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3 API server (s3proxy over jclouds' in-memory blob store) on a random loopback port, with AWS v4
 * signatures checked. Shared with recordings' and vod's tests through the test jar.
 *
 * <p>{@link #start()} runs it in this JVM (plain JUnit). Inside a Quarkus test, jclouds' Guice wiring breaks under
 * Quarkus' test class path (quarkus-junit brings Maven's Guice 5 next to jclouds' Guice 7), so
 * {@link #startInOwnJvm()} runs the same server as a child process on the test class path without Guice 5
 * ({@link #main}).
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "muse-test-access";
    public static final String SECRET_KEY = "muse-test-secret";
    private static final String READY = "s3proxy listening on ";
    private static final Pattern GUICE_5 = Pattern.compile(".*guice-5[^/]*-classes\\.jar");

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Process process;
    private final URI endpoint;

    private S3ProxyServer(S3Proxy proxy, BlobStoreContext context) {
        this.proxy = proxy;
        this.context = context;
        this.process = null;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    private S3ProxyServer(Process process, URI endpoint) {
        this.proxy = null;
        this.context = null;
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Runs a server until the parent closes this process's standard input (or kills it). */
    public static void main(String[] args) throws Exception {
        try (S3ProxyServer server = start()) {
            System.out.println(READY + server.endpoint());
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to go away
            }
        }
    }

    public static S3ProxyServer startInOwnJvm() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Process process = new ProcessBuilder(java, "-cp", childClassPath(),
                    S3ProxyServer.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(READY)) {
                    return new S3ProxyServer(process, URI.create(line.substring(READY.length()).trim()));
                }
            }
            process.destroyForcibly();
            throw new IllegalStateException("s3proxy exited before it listened");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static S3ProxyServer start() {
        BlobStoreContext context = ContextBuilder.newBuilder("transient")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!"STARTED".equals(proxy.getState()) && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("s3proxy did not start", e);
        }
        return new S3ProxyServer(proxy, context);
    }

    /** The test class path (surefire hands it over in a manifest-only jar) without Maven's Guice 5. */
    private static String childClassPath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(entry);
            entries.addAll(manifestClassPath(entry));
        }
        return entries.stream().filter(entry -> !GUICE_5.matcher(entry).matches())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static List<String> manifestClassPath(String entry) throws IOException {
        if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
            return List.of();
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return List.of();
            }
            URI base = Path.of(entry).toUri();
            return Arrays.stream(classPath.trim().split("\\s+"))
                    .map(reference -> Path.of(base.resolve(reference)).toString()).toList();
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The {@code muse.media.*} settings that point a service's media storage at this server, in {@code bucket}. */
    public Map<String, String> mediaConfig(String bucket) {
        return Map.of(
                "muse.media.kind", "s3",
                "muse.media.s3.endpoint", endpoint.toString(),
                "muse.media.s3.bucket", bucket,
                "muse.media.s3.access-key-id", ACCESS_KEY,
                "muse.media.s3.secret-access-key", SECRET_KEY,
                "muse.media.s3.create-bucket", "true",
                "muse.media.s3.part-size", String.valueOf(5 * 1024 * 1024));
    }

    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("s3proxy did not stop", e);
        } finally {
            context.close();
        }
    }
}
