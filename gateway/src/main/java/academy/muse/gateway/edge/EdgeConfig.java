package academy.muse.gateway.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** What the gateway adds to and checks on every request at the edge. */
@ConfigMapping(prefix = "muse.gateway.edge")
public interface EdgeConfig {

    /**
     * The largest request body outside the tus upload routes (JSON: sign-in, profiles, lessons); larger ones get
     * 413. Upload chunks stream to recordings under {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("65536")
    long maxJsonBodyBytes();

    /** How long browsers keep to HTTPS after an HTTPS answer (Strict-Transport-Security). */
    @WithDefault("365d")
    Duration hstsMaxAge();
}
