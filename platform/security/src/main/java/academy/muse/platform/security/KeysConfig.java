package academy.muse.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Where this service finds its keys and which tokens it accepts. {@code make run} generates the keys under
 * {@code .run/keys}; in the cluster {@code private/} is the service's own Secret and {@code public/} the
 * shared ConfigMap of public halves, mounted under {@code /keys}.
 */
@ConfigMapping(prefix = "muse.keys")
public interface KeysConfig {

    /**
     * The directory with {@code private/<purpose>.pem} (only the keys this service signs with) and
     * {@code public/<purpose>.pem} (the public halves it verifies with).
     */
    @WithDefault(".run/keys")
    Path directory();

    /** How long a service token is valid; services renew theirs well before it expires. */
    @WithDefault("5m")
    Duration serviceTokenLifetime();

    /**
     * The token purposes this service accepts ({@code user}, {@code ticket}, {@code service-<name>} of each
     * service that calls its internal endpoints); tokens signed with any other key are refused.
     */
    @WithDefault(TokenPurpose.USER)
    Set<String> accept();

    default Path file(String name) {
        return directory().resolve(name);
    }

    default Path privateKey(TokenPurpose purpose) {
        return directory().resolve("private").resolve(purpose.fileName());
    }

    default Path publicKey(TokenPurpose purpose) {
        return directory().resolve("public").resolve(purpose.fileName());
    }
}
