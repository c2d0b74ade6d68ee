package academy.muse.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where people reach the product: the base of every link the gateway mails or hands out. */
@ConfigMapping(prefix = "muse")
public interface PublicSite {

    /** The web app's public address ({@code MUSE_PUBLIC_URL}), e.g. {@code https://lessons.example.org}. */
    @WithName("public-url")
    @WithDefault("http://localhost:8080")
    String publicUrl();

    /** An absolute link to a path of the web app; {@code path} starts with a slash. */
    default String link(String path) {
        String base = publicUrl();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
