package academy.muse.vod.media;

import academy.muse.platform.security.KeysConfig;
import academy.muse.vod.config.VodConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed playback tokens. A browser fetches manifests and segments without any header of ours, so the token
 * travels in the path ({@code /media/<token>/<assetId>/manifest.mpd}) and every relative segment URL inherits it.
 * A token names one asset, one viewer and an expiry, and is an HMAC-SHA256 over the three: it cannot be moved to
 * another asset, extended or forged.
 *
 * <p>The key is the file {@code muse.vod.playback.key-file}, which only vod holds (the dev key generator writes it;
 * in the cluster it is the Secret {@code muse-vod-keys}, mounted into vod alone). It is deliberately not derived
 * from a key other services hold: whoever has the key can mint playback URLs for any asset. Without it, the
 * service refuses to start.
 */
@Startup
@ApplicationScoped
public class MediaTokens {

    private static final String ALGORITHM = "HmacSHA256";
    /** HMAC-SHA256 keys shorter than the hash add guessability, not speed. */
    static final int MINIMUM_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;

    @Inject
    MediaTokens(KeysConfig keys, VodConfig config) {
        this(readKey(keys.file(config.playback().keyFile())), config.playback().tokenLifetime());
    }

    /** Tokens signed with this key; the service itself reads its key with {@link #readKey(Path)}. */
    public MediaTokens(byte[] key, Duration lifetime) {
        this.key = new SecretKeySpec(key, ALGORITHM);
        this.lifetime = lifetime;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(String assetId, String viewerId, Instant now) {
        Instant expiresAt = now.plus(lifetime);
        long expiry = expiresAt.getEpochSecond();
        String token = expiry + "." + ENCODER.encodeToString(viewerId.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac(assetId, viewerId, expiry));
        return new Issued(token, Instant.ofEpochSecond(expiry));
    }

    /** The viewer the token was issued to, when it is genuine, for this asset and not expired. */
    public Optional<Verified> verify(String token, String assetId, Instant now) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            long expiry = Long.parseLong(parts[0]);
            String viewerId = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8);
            boolean genuine = MessageDigest.isEqual(mac(assetId, viewerId, expiry), DECODER.decode(parts[2]));
            Instant expiresAt = Instant.ofEpochSecond(expiry);
            return genuine && now.isBefore(expiresAt) ? Optional.of(new Verified(viewerId, expiresAt)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public record Verified(String viewerId, Instant expiresAt) {
    }

    private byte[] mac(String assetId, String viewerId, long expiry) {
        return hmac(key, ("v1\n" + assetId + "\n" + viewerId + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The playback key in {@code file}: its bytes without surrounding whitespace (so that a key written with
     * {@code echo} and one created with {@code kubectl --from-literal} agree).
     *
     * @throws IllegalStateException naming the file and how to provide it, when it is missing or too short
     */
    public static byte[] readKey(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("vod cannot start: no playback key at " + file
                    + " (muse.vod.playback.key-file, relative to muse.keys.directory). Local runs: the dev key generator"
                    + " writes it (make run, make keys). Cluster: the Secret muse-vod-keys, key vod-media-key, mounted"
                    + " into vod only (docs/vod.md).");
        }
        byte[] key;
        try {
            key = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("vod cannot start: cannot read the playback key " + file, e);
        }
        if (key.length < MINIMUM_KEY_BYTES) {
            throw new IllegalStateException("vod cannot start: the playback key " + file + " has " + key.length
                    + " bytes; it needs at least " + MINIMUM_KEY_BYTES + " random bytes (docs/vod.md)");
        }
        return key;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
