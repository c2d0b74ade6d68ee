package academy.muse.devstack;

import java.nio.file.Path;

/**
 * Generates the development keys on first start: {@code KeysMain [directory]}, default {@code .run/keys}. Also
 * {@code make keys KEYS_DIR=cluster-keys} for a cluster: the directory's files become the Secret {@code muse-keys},
 * its {@code vod/} folder the Secret {@code muse-vod-keys} (docs/home-cluster.md).
 */
public final class KeysMain {

    private KeysMain() {
    }

    public static void main(String[] args) {
        Path directory = DevKeys.ensure(Path.of(args.length > 0 ? args[0] : ".run/keys"));
        System.out.println("keys in " + directory.toAbsolutePath() + " (vod's playback key in "
                + directory.resolve(DevKeys.VOD_MEDIA_KEY).toAbsolutePath() + ")");
    }
}
