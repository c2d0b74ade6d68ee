package academy.muse.rooms.ticket;

import academy.muse.platform.security.KeysConfig;
import academy.muse.rooms.config.TurnConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Time-limited TURN credentials in coturn's REST-API scheme ({@code use-auth-secret}): the username is
 * {@code <expiry unix seconds>:<account id>} and the password is base64(HMAC-SHA1(shared secret, username)).
 * coturn recomputes the password from the username and refuses it after the expiry, so nothing is stored.
 */
@ApplicationScoped
public class TurnCredentials {

    private static final Logger LOG = Logger.getLogger(TurnCredentials.class);

    private final TurnConfig config;
    private final KeysConfig keys;
    private volatile String secret;

    TurnCredentials(TurnConfig config, KeysConfig keys) {
        this.config = config;
        this.keys = keys;
    }

    /** The ICE servers for one participant: TURN with credentials valid until {@code expiresAt}, then STUN. */
    public List<IceServer> iceServers(String accountId, Instant expiresAt) {
        List<IceServer> servers = new ArrayList<>();
        Optional<String> shared = secret();
        if (shared.isPresent() && !config.urls().isEmpty()) {
            String username = expiresAt.getEpochSecond() + ":" + accountId;
            servers.add(new IceServer(config.urls(), username, password(shared.get(), username)));
        }
        config.stunUrls().filter(urls -> !urls.isEmpty()).ifPresent(urls -> servers.add(new IceServer(urls, null, null)));
        return servers;
    }

    /** base64(HMAC-SHA1(secret, username)), exactly as coturn computes it. */
    public static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private Optional<String> secret() {
        if (secret == null) {
            secret = config.secret().map(String::trim).filter(value -> !value.isEmpty()).orElseGet(this::secretFromFile);
        }
        return secret.isEmpty() ? Optional.empty() : Optional.of(secret);
    }

    private String secretFromFile() {
        Path file = keys.file("turn-secret");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            // Calls still connect directly or through STUN; only TURN is missing. Name the file, not its content.
            LOG.warnf("No TURN secret (muse.turn.secret unset and %s unreadable): tickets carry no TURN servers", file);
            return "";
        }
    }
}
