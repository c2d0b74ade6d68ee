package academy.muse.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What stands in for the chart's coturn image: Debian's coturn from this machine (no image registry is reachable
 * here). The bundle's root holds this machine's /usr read-only and a copy of turnserver with the capability the
 * coturn/coturn image gives its binary (CAP_NET_BIND_SERVICE, so that its user, nobody, may listen on 443); the
 * entrypoint is turnserver itself, as that image's entrypoint script runs it when the args start with a flag, and
 * the user is that image's, nobody. The rendered config, args, volumes and securityContext apply unchanged.
 */
final class DebianCoturn {

    private static final int NOBODY = 65534;

    private DebianCoturn() {
    }

    static PodImages.ImageConfig makeBundle(Path bundle) {
        Path rootfs = bundle.resolve("rootfs");
        try {
            Files.createDirectories(rootfs.resolve("usr/bin"));
            for (String directory : List.of("etc", "tmp", "var/tmp", "var/run", "proc", "dev", "sys")) {
                Files.createDirectories(rootfs.resolve(directory));
            }
            for (String link : List.of("bin", "sbin", "lib", "lib64")) {
                Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr/" + link));
            }
            for (String file : List.of("passwd", "group", "nsswitch.conf", "ld.so.cache")) {
                Files.copy(Path.of("/etc", file), rootfs.resolve("etc").resolve(file));
            }
            PodRunner.chmod(rootfs.resolve("tmp"), 01777);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path turnserver = bundle.resolve("turnserver");
        Shell.run("cp", "/usr/bin/turnserver", turnserver.toString());
        Shell.run("setcap", "cap_net_bind_service=+ep", turnserver.toString());
        Shell.run("runc", "spec", "--bundle", bundle.toString());
        String config = read(bundle.resolve("config.json"));
        String mounts = "\"mounts\": ["
                + bindJson("/usr", "/usr") + ","
                + bindJson(turnserver.toString(), "/usr/bin/turnserver") + ","
                + bindJson("/etc/ssl", "/etc/ssl") + ",";
        config = config.replaceFirst("\"mounts\": \\[", java.util.regex.Matcher.quoteReplacement(mounts))
                .replaceFirst("\"uid\": 0", "\"uid\": " + NOBODY).replaceFirst("\"gid\": 0", "\"gid\": " + NOBODY);
        try {
            Files.writeString(bundle.resolve("config.json"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PodImages.ImageConfig(List.of("turnserver"), List.of("--log-file=stdout"),
                List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), "/");
    }

    /** What cert-manager would put into a Certificate's Secret: a key and a certificate (self-signed here). */
    static Map<String, byte[]> selfSignedCertificate(Path directory) {
        try {
            Files.createDirectories(directory);
            Path key = directory.resolve("tls.key");
            Path certificate = directory.resolve("tls.crt");
            Shell.run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=muse-podrun", "-keyout", key.toString(), "-out", certificate.toString());
            Map<String, byte[]> data = new LinkedHashMap<>();
            data.put("tls.crt", Files.readAllBytes(certificate));
            data.put("tls.key", Files.readAllBytes(key));
            data.put("ca.crt", Files.readAllBytes(certificate));
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Read-only, and without nosuid: that would void turnserver's file capability. */
    private static String bindJson(String source, String destination) {
        return "{\"destination\": \"" + destination + "\", \"type\": \"bind\", \"source\": \"" + source
                + "\", \"options\": [\"rbind\", \"ro\", \"nodev\"]}";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
