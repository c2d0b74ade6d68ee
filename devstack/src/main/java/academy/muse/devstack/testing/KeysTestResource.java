package academy.muse.devstack.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Points a service under test at freshly generated keys (one set per test JVM, see {@link TestKeys}),
 * exactly as {@code make run} points it at {@code .run/keys}.
 */
public class KeysTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("muse.keys.directory", TestKeys.directory().toString());
    }

    @Override
    public void stop() {
        // The keys live for the whole JVM so that every test application trusts the same tokens.
    }
}
