package academy.muse.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The keys and secrets a local suite needs, generated once on first start. In the cluster the same files
 * come from Kubernetes Secrets (Helm generates them); nothing here is ever committed.
 *
 * <p>One RSA key pair per token purpose, key id {@code muse-<purpose>}:
 * <ul>
 *   <li>{@value #USER}: the gateway signs users' access tokens;</li>
 *   <li>{@value #TICKET}: rooms signs room tickets, the only tokens signaling accepts;</li>
 *   <li>{@code service-<name>} for each of {@link #SERVICES}: that service signs its own service tokens.</li>
 * </ul>
 * Each pair is written as {@code private/<purpose>.pem} (PKCS#8) and {@code public/<purpose>.pem}
 * ({@code PUBLIC KEY}). Beside them: {@code turn-secret} (coturn's REST secret, rooms only) and
 * {@value #VOD_MEDIA_KEY}, the HMAC key vod signs playback URLs with (vod only).
 */
public final class DevKeys {

    public static final String USER = "user";
    public static final String TICKET = "ticket";
    public static final List<String> SERVICES = List.of("gateway", "scheduling", "rooms", "signaling", "recordings", "vod");
    /** Relative to the keys directory; vod's {@code muse.vod.playback.key-file} defaults to it. */
    public static final String VOD_MEDIA_KEY = "vod/vod-media-key";
    public static final String TURN_SECRET = "turn-secret";

    private DevKeys() {
    }

    /** Every purpose a suite signs tokens for. */
    public static List<String> purposes() {
        List<String> purposes = new ArrayList<>(List.of(USER, TICKET));
        SERVICES.forEach(service -> purposes.add(service(service)));
        return purposes;
    }

    public static String service(String serviceName) {
        return "service-" + serviceName;
    }

    public static String kid(String purpose) {
        return "muse-" + purpose;
    }

    public static Path privateKey(Path directory, String purpose) {
        return directory.resolve("private").resolve(purpose + ".pem");
    }

    public static Path publicKey(Path directory, String purpose) {
        return directory.resolve("public").resolve(purpose + ".pem");
    }

    /**
     * Writes the key files into {@code directory} unless they are already there: a purpose whose public half
     * exists is complete (the private half is written first); existing files are never replaced.
     */
    public static Path ensure(Path directory) {
        try {
            Files.createDirectories(directory.resolve("private"));
            Files.createDirectories(directory.resolve("public"));
            for (String purpose : purposes()) {
                if (!Files.exists(publicKey(directory, purpose))) {
                    KeyPair pair = rsa();
                    writeSecret(privateKey(directory, purpose), privatePem(pair));
                    Files.writeString(publicKey(directory, purpose), publicPem(pair));
                }
            }
            ensureSecret(directory.resolve(TURN_SECRET));
            ensureSecret(directory.resolve(VOD_MEDIA_KEY));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write development keys to " + directory, e);
        }
    }

    private static void ensureSecret(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            writeSecret(file, randomSecret());
        }
    }

    /** 256 random bits, base64url: as strong as an HMAC-SHA256 key can use. */
    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is part of every JDK", e);
        }
    }

    public static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    public static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static void writeSecret(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Best effort on file systems without POSIX permissions.
        }
    }
}
