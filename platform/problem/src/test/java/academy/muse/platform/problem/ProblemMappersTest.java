package academy.muse.platform.problem;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** Every service answers bad input the same way: RFC 9457 problem+json with a stable type. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class ProblemMappersTest {

    @Test
    void malformedJsonIsABadRequestThatSaysSo() {
        given().contentType("application/json").body("{\"title\": ")
                .when().post("/test/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/malformed-json"))
                .body("instance", equalTo("/test/notes"));
    }

    @Test
    void aValueOfTheWrongTypeIsAMalformedRequest() {
        given().contentType("application/json").body("{\"title\":\"Scales\",\"minutes\":\"half an hour\"}")
                .when().post("/test/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/malformed-json"));
    }

    @Test
    void anUnknownFieldIsNamed() {
        given().contentType("application/json").body("{\"title\":\"Scales\",\"minutes\":30,\"colour\":\"red\"}")
                .when().post("/test/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/unknown-field"))
                .body("detail", containsString("colour"));
    }

    @Test
    void invalidFieldsAreListedOneByOne() {
        given().contentType("application/json").body("{\"title\":\"\",\"minutes\":30}")
                .when().post("/test/notes")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/validation"))
                .body("errors.field", hasItem(containsString("title")));
    }

    @Test
    void aProblemFromTheLogicKeepsItsStatusAndHeaders() {
        given().contentType("application/json").body("{\"title\":\"Scales\",\"minutes\":601}")
                .when().post("/test/notes")
                .then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", "30")
                .body("type", equalTo("https://muse.academy/problems/rate-limited"));
    }

    @Test
    void aWellFormedRequestPasses() {
        given().contentType("application/json").body("{\"title\":\"Scales\",\"minutes\":30}")
                .when().post("/test/notes")
                .then().statusCode(200).body("title", equalTo("Scales"));
    }
}
