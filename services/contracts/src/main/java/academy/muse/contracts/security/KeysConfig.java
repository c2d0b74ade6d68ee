package academy.muse.contracts.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Where this service finds its keys: {@code make run} generates them under {@code .run/keys}; in the
 * cluster they are a Kubernetes Secret mounted as files with the same names.
 */
@ConfigMapping(prefix = "muse.keys")
public interface KeysConfig {

    /** The directory with {@code service-token-private.pem}, {@code jwks.json} and the other key files. */
    @WithDefault(".run/keys")
    Path directory();

    /** How long a service token is valid; services renew theirs well before it expires. */
    @WithDefault("5m")
    Duration serviceTokenLifetime();

    default Path file(String name) {
        return directory().resolve(name);
    }
}
