package academy.muse.vod.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** vod signs playback URLs only with its own key, and refuses to start without a usable one. */
class PlaybackKeyTest {

    @TempDir
    Path keys;

    @Test
    void withoutAPlaybackKeyStartUpFailsWithAMessageThatSaysWhereItBelongs() {
        assertThatThrownBy(() -> MediaTokens.readKey(keys.resolve("vod/vod-media-key")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("vod cannot start")
                .hasMessageContaining(keys.resolve("vod/vod-media-key").toString())
                .hasMessageContaining("muse-vod-keys");
    }

    @Test
    void theServiceTokenKeyIsNotUsedInsteadOfAMissingPlaybackKey() throws Exception {
        Files.writeString(keys.resolve("service-token-private.pem"), "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> MediaTokens.readKey(keys.resolve("vod/vod-media-key")))
                .hasMessageContaining("no playback key");
    }

    @Test
    void aKeyShorterThan32BytesIsRefused() throws Exception {
        Path file = keys.resolve("vod-media-key");
        Files.writeString(file, "short-key\n");
        assertThatThrownBy(() -> MediaTokens.readKey(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("at least 32");
    }

    @Test
    void aKeyFileWithATrailingNewlineSignsLikeTheSameKeyWithoutIt() throws Exception {
        String secret = "0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
        Path echoed = Files.writeString(keys.resolve("echoed"), secret + "\n");
        Path literal = Files.writeString(keys.resolve("literal"), secret);
        Instant now = Instant.now();
        String token = new MediaTokens(MediaTokens.readKey(echoed), Duration.ofHours(1)).issue("asset-1", "viewer-1", now).token();

        assertThat(new MediaTokens(MediaTokens.readKey(literal), Duration.ofHours(1)).verify(token, "asset-1", now)).isPresent();
    }
}
