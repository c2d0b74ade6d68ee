package academy.muse.rooms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/** The ICE servers a ticket names: coturn's addresses and the secret shared with it (docs/turn.md). */
@ConfigMapping(prefix = "muse.turn")
public interface TurnConfig {

    /**
     * TURN URLs handed to browsers, in the order they should be tried: UDP, TCP, then TLS on 443 for
     * networks that allow nothing else.
     */
    @WithDefault("turn:localhost:3478?transport=udp,turn:localhost:3478?transport=tcp,turns:localhost:443?transport=tcp")
    List<String> urls();

    /** Optional STUN URLs, handed out without credentials (coturn answers STUN on its TURN ports too). */
    Optional<List<String>> stunUrls();

    /**
     * The coturn REST-API shared secret. Usually left unset: the secret is then read from
     * {@code <muse.keys.directory>/turn-secret}, the file coturn's config is rendered from.
     */
    Optional<String> secret();
}
