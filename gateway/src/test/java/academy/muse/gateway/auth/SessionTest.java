package academy.muse.gateway.auth;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.RawHttp;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static academy.muse.gateway.People.PASSWORD;
import static academy.muse.gateway.People.REFRESH_COOKIE;
import static academy.muse.gateway.People.login;
import static academy.muse.gateway.People.refresh;
import static academy.muse.gateway.People.someAddress;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class SessionTest {

    @TestHTTPResource("/")
    URL root;
    int port;

    @BeforeEach
    void knowThePort() {
        port = root.getPort();
    }

    @Test
    void aPersonSignsInWithEmailAndPasswordWhateverTheEmailsCase() {
        Person teacher = People.teacher("Mina Park");
        Response response = login(" " + teacher.email().toUpperCase(), PASSWORD, someAddress())
                .then().statusCode(200)
                .header("Set-Cookie", allOf(startsWith("muse_refresh="), containsString("HttpOnly"),
                        containsString("Secure"), containsString("SameSite=Strict"), containsString("Path=/api/auth")))
                .body("account.id", equalTo(teacher.id()))
                .body("expiresIn", lessThanOrEqualTo(600))
                .extract().response();

        given().auth().oauth2(response.path("accessToken")).when().get("/api/me")
                .then().statusCode(200).body("email", equalTo(teacher.email()));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() {
        Person teacher = People.teacher("Mina Park");
        String wrongPassword = login(teacher.email(), "not the password at all", someAddress())
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/invalid-credentials"))
                .extract().path("detail");
        String unknownEmail = login(People.uniqueEmail("nobody"), PASSWORD, someAddress())
                .then().statusCode(401).extract().path("detail");
        assertThat(unknownEmail).isEqualTo(wrongPassword);
    }

    @Test
    void refreshingRotatesTheRefreshTokenAndGivesAWorkingAccessToken() {
        Person teacher = People.teacher("Mina Park");
        Response refreshed = refresh(teacher.refreshToken()).then().statusCode(200)
                .header("Set-Cookie", startsWith("muse_refresh="))
                .extract().response();
        String next = refreshed.getCookie(REFRESH_COOKIE);

        assertThat(next).isNotBlank().isNotEqualTo(teacher.refreshToken());
        given().auth().oauth2(refreshed.path("accessToken")).when().get("/api/me").then().statusCode(200);
        refresh(next).then().statusCode(200);
    }

    @Test
    void reusingAnExchangedRefreshTokenEndsTheWholeSignIn() {
        Person teacher = People.teacher("Mina Park");
        Person otherDevice = People.loggedIn(teacher.email(), PASSWORD);
        String next = refresh(teacher.refreshToken()).then().statusCode(200).extract().cookie(REFRESH_COOKIE);

        refresh(teacher.refreshToken()).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/refresh-token-reused"))
                .header("Set-Cookie", containsString("Max-Age=0"));
        refresh(next).then().statusCode(401)
                .body("type", equalTo("https://muse.academy/problems/invalid-refresh-token"));
        refresh(otherDevice.refreshToken()).then().statusCode(200);
    }

    @Test
    void signingOutEndsTheSignIn() {
        Person teacher = People.teacher("Mina Park");
        given().cookie(REFRESH_COOKIE, teacher.refreshToken()).when().post("/api/auth/logout")
                .then().statusCode(204)
                .header("Set-Cookie", allOf(startsWith("muse_refresh=;"), containsString("Max-Age=0")));
        refresh(teacher.refreshToken()).then().statusCode(401);
        given().cookie(REFRESH_COOKIE, teacher.refreshToken()).when().post("/api/auth/logout").then().statusCode(204);
    }

    @Test
    void refreshingWithoutAValidCookieIsRefused() {
        given().when().post("/api/auth/refresh").then().statusCode(401).contentType("application/problem+json");
        refresh("made-up-token").then().statusCode(401)
                .body("type", equalTo("https://muse.academy/problems/invalid-refresh-token"));
    }

    @Test
    void anAttackerFailingFromManyAddressesNeverDelaysTheOwnerSigningInFromTheirs() {
        Person teacher = People.teacher("Mina Park");
        String ownersAddress = someAddress();
        for (int attempt = 0; attempt < 25; attempt++) {
            login(teacher.email(), "guess number " + attempt, someAddress()).then().statusCode(401);
        }

        login(teacher.email(), PASSWORD, ownersAddress).then().statusCode(200);
    }

    @Test
    void failuresForOneAccountFromOneAddressMakeEachNextAttemptWaitLongerButTheRightPasswordGetsInAfterTheWait()
            throws InterruptedException {
        Person teacher = People.teacher("Mina Park");
        String address = someAddress();
        for (int attempt = 0; attempt < 3; attempt++) {
            login(teacher.email(), "guess number " + attempt, address).then().statusCode(401);
        }

        String retryAfter = login(teacher.email(), PASSWORD, address)
                .then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/rate-limited"))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 2L);
        Thread.sleep(Long.parseLong(retryAfter) * 1000);
        login(teacher.email(), "guess number 4", address).then().statusCode(401);
        String longer = login(teacher.email(), PASSWORD, address).then().statusCode(429).extract().header("Retry-After");
        assertThat(Long.parseLong(longer)).as("the wait doubles").isBetween(2L, 3L);
        Thread.sleep(Long.parseLong(longer) * 1000);
        login(teacher.email(), PASSWORD, address).then().statusCode(200);
        login(teacher.email(), "after success the count starts again", address).then().statusCode(401);
        login(teacher.email(), PASSWORD, address).then().statusCode(200);
    }

    @Test
    void repeatedFailuresFromOneAddressAreRateLimitedForEveryAccount() {
        String address = someAddress();
        for (int attempt = 0; attempt < 20; attempt++) {
            login(People.uniqueEmail("guess"), PASSWORD, address).then().statusCode(401);
        }
        Person teacher = People.teacher("Mina Park");

        login(teacher.email(), PASSWORD, address).then().statusCode(429).header("Retry-After", not(""));
        login(teacher.email(), PASSWORD, someAddress()).then().statusCode(200);
    }

    @Test
    void aClientThatIsNoTrustedProxyCannotChooseTheAddressTheLimitsCount() throws Exception {
        // 127.0.0.2 is this machine but not the trusted proxy (127.0.0.1): its X-Forwarded-For is not believed.
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThat(RawHttp.postFrom("127.0.0.2", port, "/api/auth/login", someAddress(),
                    "{\"email\":\"" + People.uniqueEmail("guess") + "\",\"password\":\"" + PASSWORD + "\"}"))
                    .isEqualTo(401);
        }
        assertThat(RawHttp.postFrom("127.0.0.2", port, "/api/auth/login", someAddress(),
                "{\"email\":\"" + People.uniqueEmail("guess") + "\",\"password\":\"" + PASSWORD + "\"}"))
                .as("rotating X-Forwarded-For does not escape the per-address limit").isEqualTo(429);
    }

    @Test
    void aSignInBodyOverTheJsonLimitIsRefusedWith413() throws Exception {
        given().contentType("application/json").body("{\"email\":\"" + "a".repeat(70_000) + "\",\"password\":\"x\"}")
                .when().post("/api/auth/login")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/too-large"));
        assertThat(RawHttp.chunkedPostFrom("127.0.0.1", port, "/api/auth/signup", "{}")).isEqualTo(413);
    }

    @Test
    void publishesTheUserKeyAsAJwksWithoutPrivateParts() {
        given().when().get("/api/auth/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem("muse-user"))
                .body("keys.find { it.kid == 'muse-user' }.kty", equalTo("RSA"))
                .body("keys.find { it.kid == 'muse-user' }.d", nullValue());
    }
}
