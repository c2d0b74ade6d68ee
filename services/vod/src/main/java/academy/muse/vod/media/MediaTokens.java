package academy.muse.vod.media;

import academy.muse.contracts.security.KeysConfig;
import academy.muse.vod.config.VodConfig;
import jakarta.enterprise.context.ApplicationScoped;

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
 * <p>The key is the file {@code muse.vod.playback.key-file} in the keys directory, or, without it, derived from
 * the service token key that every vod replica already has: no new secret to distribute, none committed.
 */
@ApplicationScoped
public class MediaTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String DERIVATION_LABEL = "muse vod playback tokens v1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;

    MediaTokens(KeysConfig keys, VodConfig config) {
        this.key = new SecretKeySpec(keyBytes(keys, config.playback().keyFile()), ALGORITHM);
        this.lifetime = config.playback().tokenLifetime();
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

    private static byte[] keyBytes(KeysConfig keys, String keyFile) {
        Path dedicated = keys.file(keyFile);
        Path serviceKey = keys.file("service-token-private.pem");
        try {
            if (Files.isReadable(dedicated)) {
                return Files.readAllBytes(dedicated);
            }
            if (Files.isReadable(serviceKey)) {
                byte[] secret = Files.readAllBytes(serviceKey);
                return hmac(new SecretKeySpec(secret, ALGORITHM), DERIVATION_LABEL.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the playback key", e);
        }
        throw new IllegalStateException("No key to sign playback URLs: neither " + dedicated + " nor " + serviceKey
                + " exists (muse.keys.directory)");
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
