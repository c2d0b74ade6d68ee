package academy.muse.devstack.testing;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * What a service with a REST API offers beyond {@link ServicePlatformTests}: its OpenAPI document on the management
 * interface, and problem+json for every error, even on a path it does not have. (signaling speaks WebSockets only
 * and carries no REST stack, so it extends {@link ServicePlatformTests} alone.)
 */
public abstract class RestServicePlatformTests extends ServicePlatformTests {

    @Test
    void publishesItsOpenApiDocument() {
        management().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void answersUnknownPathsWithProblemJson() {
        given().when().get("/no-such-thing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", containsString("https://muse.academy/problems/"));
    }
}
