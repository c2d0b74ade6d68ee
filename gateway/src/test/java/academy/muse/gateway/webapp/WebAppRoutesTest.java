package academy.muse.gateway.webapp;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.not;

/** The web app built by Maven is served by the gateway, and its page addresses open the app. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class WebAppRoutesTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/login", "/invite/abc-123", "/dashboard", "/lessons/new", "/lessons/l-42",
            "/lessons/l-42/edit", "/library", "/settings", "/admin", "/r/k7m-q2p-x9z"})
    void everyPageAddressOpensTheApp(String path) {
        given().when().get(path)
                .then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Cache-Control", equalTo("no-cache"))
                .body(containsString("<div id=\"root\"></div>"));
    }

    @Test
    void theAppsScriptsAreServedAndCachedForever() {
        String page = given().when().get("/dashboard").then().statusCode(200).extract().asString();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        assertThat(script.find()).as("index.html references its script").isTrue();
        given().when().get(script.group(1))
                .then().statusCode(200)
                .contentType(containsString("javascript"))
                .header("Cache-Control", containsString("immutable"));
    }

    @Test
    void theAppIsServedWithAPolicyThatAllowsOnlyItsOwnScriptsAndNoFraming() {
        String page = given().when().get("/dashboard").then().statusCode(200)
                .header("Content-Security-Policy", allOf(containsString("script-src 'self'"),
                        containsString("frame-ancestors 'none'"), containsString("object-src 'none'"),
                        not(containsString("unsafe-inline")), not(containsString("unsafe-eval"))))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("strict-origin-when-cross-origin"))
                .header("Strict-Transport-Security", org.hamcrest.Matchers.nullValue())
                .extract().asString();
        assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>").matcher(page).find())
                .as("no inline script for the policy to block").isFalse();
        assertThat(page).doesNotContain("<style").doesNotContain(" style=\"").doesNotContain("onload=");
        given().header("X-Forwarded-Proto", "https").when().get("/dashboard").then().statusCode(200)
                .header("Strict-Transport-Security", startsWith("max-age=31536000"));
        given().when().get("/api/no-such-thing").then().header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void aMissingFileIsNotFoundRatherThanTheApp() {
        given().when().get("/assets/missing-123.js").then().statusCode(404);
        given().when().get("/robots-missing.txt").then().statusCode(404);
    }

    @Test
    void anAddressThatIsNoPageOfTheAppIsAProblemNotFound() {
        given().when().get("/no-such-page")
                .then().statusCode(404)
                .contentType(containsString("application/problem+json"));
        given().when().get("/r/abc/extra").then().statusCode(404);
    }

    @Test
    void apiAndPlatformPathsAreNeverAnsweredWithTheApp() {
        given().when().get("/q/health/live").then().statusCode(404).body(not(containsString("id=\"root\"")));
        given().when().get("/api/no-such-thing").then().body(not(containsString("id=\"root\"")));
        given().when().get("/media/asset-1/master.m3u8").then().body(not(containsString("id=\"root\"")));
    }

    @Test
    void clientRoutesAreRecognisedByPathAlone() {
        assertThat(WebAppRoutes.isClientRoute("/r/abc")).isTrue();
        assertThat(WebAppRoutes.isClientRoute("/lessons/new")).isTrue();
        assertThat(WebAppRoutes.isClientRoute("/lessons/l-42/edit")).isTrue();
        assertThat(WebAppRoutes.isClientRoute("/lessons/l-42/other")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/lessons//edit")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/r/")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/api")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/ws/rooms/abc")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/favicon.svg")).isFalse();
        assertThat(WebAppRoutes.isClientRoute("/invite/a.b")).isFalse();
    }
}
