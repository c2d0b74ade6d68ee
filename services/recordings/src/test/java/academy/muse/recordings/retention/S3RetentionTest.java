package academy.muse.recordings.retention;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.devstack.testing.TestTokens.UserRelations;
import academy.muse.recordings.support.S3TestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.nullValue;

/** Retention of originals with media storage on S3 (a real S3 API server in process). */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(S3TestResource.class)
class S3RetentionTest extends OriginalsRetentionScenario {

    /**
     * The first call to S3 loads the SDK's client and wakes the in-process server; on a busy machine that has outlasted
     * an HTTP request's timeout, so it is made here rather than inside the first upload.
     */
    @BeforeEach
    void reachS3() {
        storage.exists("warm-up");
    }

    @Test
    void anOperatorSeesTheBucketWithoutAFreeSpaceFigureItCannotKnow() {
        String admin = TestTokens.user("a-ops", "admin", "UTC", new UserRelations(List.of(), List.of(), List.of()));
        given().auth().oauth2(admin).get("/usage/owners").then().statusCode(200)
                .body("media.kind", equalTo("s3"))
                .body("media.freeBytes", nullValue())
                .body("media.totalBytes", nullValue())
                .body("media.location", allOf(startsWith("http://"), endsWith("/recordings-test")));
    }
}
