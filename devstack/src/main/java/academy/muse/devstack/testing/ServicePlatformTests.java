package academy.muse.devstack.testing;

import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * What every Muse Academy service offers an operator, checked the same way in each service: a service's
 * test class extends this with {@code @QuarkusTest} and the devstack test resources. Health, metrics and
 * OpenAPI answer on the management interface only, never on the public port. A service with a REST API extends
 * {@link RestServicePlatformTests}, which adds what REST brings (an OpenAPI document, problem+json errors).
 */
public abstract class ServicePlatformTests {

    /** Requests to the management interface of the application under test (a free port in tests). */
    public static RequestSpecification management() {
        return given().port(ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class));
    }

    @Test
    void isReadyOnlyWithItsDatabaseAndTheBroker() {
        management().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("broker"))
                .body("checks.name", hasItem(containsString("MongoDB")));
    }

    @Test
    void exposesPrometheusMetrics() {
        management().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void keepsHealthMetricsAndOpenApiOffThePublicPort() {
        for (String path : new String[]{"/q/health/ready", "/q/metrics", "/q/openapi"}) {
            given().when().get(path).then().statusCode(404);
        }
    }
}
