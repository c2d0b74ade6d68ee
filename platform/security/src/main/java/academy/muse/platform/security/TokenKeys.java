package academy.muse.platform.security;

import jakarta.enterprise.context.ApplicationScoped;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's signing and verification keys, read once per purpose from the keys directory (a new key
 * means a new rollout). Only the purposes a service signs for have a private file in its directory.
 */
@ApplicationScoped
public class TokenKeys {

    private final KeysConfig config;
    private final Map<TokenPurpose, PrivateKey> signing = new ConcurrentHashMap<>();
    private final Map<TokenPurpose, PublicKey> verification = new ConcurrentHashMap<>();

    TokenKeys(KeysConfig config) {
        this.config = config;
    }

    public PrivateKey signingKey(TokenPurpose purpose) {
        return signing.computeIfAbsent(purpose, p -> PemKeys.readPrivate(config.privateKey(p)));
    }

    public PublicKey verificationKey(TokenPurpose purpose) {
        return verification.computeIfAbsent(purpose, p -> PemKeys.readPublic(config.publicKey(p)));
    }

    public boolean accepts(TokenPurpose purpose) {
        return config.accept().contains(purpose.name());
    }
}
