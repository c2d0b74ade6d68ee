package academy.muse.devstack;

import java.nio.file.Path;

/** Generates the development keys on first start: {@code KeysMain [directory]}, default {@code .run/keys}. */
public final class KeysMain {

    private KeysMain() {
    }

    public static void main(String[] args) {
        Path directory = DevKeys.ensure(Path.of(args.length > 0 ? args[0] : ".run/keys"));
        System.out.println("keys in " + directory.toAbsolutePath());
    }
}
