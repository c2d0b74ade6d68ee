package academy.muse.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;

/**
 * The keys and secrets a local suite needs, generated once on first start. In the cluster the same files
 * come from Kubernetes Secrets; nothing here is ever committed.
 *
 * <ul>
 *   <li>{@code user-token-private.pem}: the gateway signs users' access tokens with it (kid {@value #USER_KID});</li>
 *   <li>{@code service-token-private.pem}: services sign service-to-service tokens with it (kid {@value #SERVICE_KID});</li>
 *   <li>{@code room-ticket-private.pem}: rooms signs room tickets with it (kid {@value #ROOM_TICKET_KID});</li>
 *   <li>{@code jwks.json}: the public halves, which every service verifies tokens with;</li>
 *   <li>{@code turn-secret}: the coturn REST-API shared secret;</li>
 *   <li>{@value #VOD_MEDIA_KEY}: the HMAC key vod signs playback URLs with. It sits in its own folder so that
 *       {@code kubectl create secret generic muse-keys --from-file=<directory>} (which takes regular files only)
 *       leaves it out: in the cluster only vod mounts it, from the Secret {@code muse-vod-keys}.</li>
 * </ul>
 */
public final class DevKeys {

    public static final String USER_KID = "muse-user";
    public static final String SERVICE_KID = "muse-service";
    public static final String ROOM_TICKET_KID = "muse-room-ticket";
    /** Relative to the keys directory; vod's {@code muse.vod.playback.key-file} defaults to it. */
    public static final String VOD_MEDIA_KEY = "vod/vod-media-key";

    private DevKeys() {
    }

    /**
     * Writes the key files into {@code directory} unless they are already there. A directory made before a file
     * was added to the set (such as {@value #VOD_MEDIA_KEY}) gets that file; existing files are never replaced.
     */
    public static Path ensure(Path directory) {
        try {
            Files.createDirectories(directory);
            if (!Files.exists(directory.resolve("jwks.json"))) {
                writeSigningKeys(directory);
            }
            Path mediaKey = directory.resolve(VOD_MEDIA_KEY);
            if (!Files.exists(mediaKey)) {
                Files.createDirectories(mediaKey.getParent());
                writeSecret(mediaKey, randomSecret());
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write development keys to " + directory, e);
        }
    }

    private static void writeSigningKeys(Path directory) throws IOException {
        KeyPair user = rsa();
        KeyPair service = rsa();
        KeyPair roomTicket = rsa();
        writePrivate(directory.resolve("user-token-private.pem"), user);
        writePrivate(directory.resolve("service-token-private.pem"), service);
        writePrivate(directory.resolve("room-ticket-private.pem"), roomTicket);
        writeSecret(directory.resolve("turn-secret"), randomSecret());
        // Last: its presence marks the set as complete.
        Files.writeString(directory.resolve("jwks.json"), jwks(List.of(
                new NamedKey(USER_KID, user), new NamedKey(SERVICE_KID, service), new NamedKey(ROOM_TICKET_KID, roomTicket))));
    }

    /** 256 random bits, base64url: as strong as an HMAC-SHA256 key can use. */
    private static String randomSecret() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public record NamedKey(String kid, KeyPair pair) {
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
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded());
        return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
    }

    public static String publicPem(KeyPair pair) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** A JSON Web Key Set (RFC 7517) with the public halves of the given keys. */
    public static String jwks(List<NamedKey> keys) {
        StringBuilder json = new StringBuilder("{\"keys\":[");
        for (int i = 0; i < keys.size(); i++) {
            RSAPublicKey key = (RSAPublicKey) keys.get(i).pair().getPublic();
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"").append(keys.get(i).kid())
                    .append("\",\"n\":\"").append(base64Url(key.getModulus()))
                    .append("\",\"e\":\"").append(base64Url(key.getPublicExponent())).append("\"}");
        }
        return json.append("]}").toString();
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void writePrivate(Path file, KeyPair pair) throws IOException {
        writeSecret(file, privatePem(pair));
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
