package academy.muse.recordings.retention;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Retention of originals with media storage on a volume. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class FilesystemRetentionTest extends OriginalsRetentionScenario {
}
