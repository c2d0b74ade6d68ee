package academy.muse.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/**
 * The operator's account, created at start when both email and password are set and no account with that
 * email exists yet (an existing account is left as it is, so a changed password here does not overwrite one
 * changed since). In the cluster both come from a Secret.
 */
@ConfigMapping(prefix = "muse.admin")
public interface AdminConfig {

    /** The admin's email; without it no admin account is created. */
    Optional<String> email();

    /** The admin's initial password (same rules as everyone's: at least 10 characters). */
    Optional<String> password();

    /** The admin's display name. */
    @WithDefault("Administrator")
    String displayName();

    /** The admin's IANA time zone. */
    @WithDefault("UTC")
    String zone();
}
