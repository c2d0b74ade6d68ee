package academy.muse.devstack;

import java.nio.file.Path;

/**
 * Generates the development keys on first start: {@code KeysMain [directory]}, default {@code .run/keys}
 * (git-ignored). {@code make keys} runs it into {@code ~/.muse-academy/keys}, outside the source tree.
 */
public final class KeysMain {

    private KeysMain() {
    }

    public static void main(String[] args) {
        Path directory = DevKeys.ensure(Path.of(args.length > 0 ? args[0] : ".run/keys"));
        System.out.println("keys in " + directory.toAbsolutePath() + ": private/ and public/ per purpose "
                + DevKeys.purposes() + ", " + DevKeys.TURN_SECRET + ", " + DevKeys.VOD_MEDIA_KEY);
    }
}
