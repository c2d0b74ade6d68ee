package academy.muse.gateway.auth;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static academy.muse.gateway.Mailboxes.theMailTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

/** A forgotten password is reset from the link in the mail; a known one is changed; neither tells who has an account. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
class PasswordRecoveryTest {

    private static final Pattern LINK = Pattern.compile("(http\\S+/reset-password\\?token=)(\\S+)");
    private static final String NEW_PASSWORD = "cello sonatas at dawn";

    @Test
    void theLinkInTheMailSetsANewPasswordOnceAfterWhichTheOldPasswordAndEverySessionFail() {
        Person teacher = People.teacher("Mina Park"); // ko-KR

        askForReset(teacher.email()).then().statusCode(202);
        ReceivedMail mail = theMailTo(teacher.email());
        assertThat(mail.language()).isEqualTo("ko");
        assertThat(mail.subject()).isEqualTo("Muse Academy 새 비밀번호 설정");
        Matcher link = LINK.matcher(mail.text());
        assertThat(link.find()).as(mail.text()).isTrue();
        String token = link.group(2);

        confirm(token, "short").then().statusCode(422).contentType("application/problem+json");
        confirm(token, NEW_PASSWORD).then().statusCode(204);

        People.login(teacher.email(), People.PASSWORD, People.someAddress()).then().statusCode(401);
        People.login(teacher.email(), NEW_PASSWORD, People.someAddress()).then().statusCode(200);
        People.refresh(teacher.refreshToken()).then().statusCode(401);
        confirm(token, "another fine password").then().statusCode(410)
                .contentType("application/problem+json").body("type", containsString("reset-link-spent"));
    }

    @Test
    void anAddressWithoutAnAccountGetsTheSameAnswerAndNoMail() {
        Person teacher = People.teacher("Mina Park");
        String nobody = People.uniqueEmail("nobody");

        Response known = askForReset(teacher.email());
        Response unknown = askForReset(nobody);

        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
        assertThat(unknown.body().asString()).isEqualTo(known.body().asString());
        theMailTo(teacher.email());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SmtpTestResource.receivedBy(nobody).isEmpty());
    }

    @Test
    void aMadeUpTokenOrAMalformedAddressIsAProblem() {
        confirm("not-a-token-we-made", NEW_PASSWORD).then().statusCode(410).contentType("application/problem+json");
        People.fromSomewhere().contentType(ContentType.JSON).body(Map.of("email", "not an address"))
                .when().post("/api/auth/password-reset").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void changingThePasswordEndsTheOtherSessionsAndKeepsTheCallerSignedIn() {
        Person teacher = People.teacher("Mina Park");
        Person elsewhere = People.loggedIn(teacher.email(), People.PASSWORD);

        teacher.asThem().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD))
                .when().post("/api/auth/password").then().statusCode(403).contentType("application/problem+json");
        Response changed = teacher.asThem().contentType(ContentType.JSON)
                .body(Map.of("currentPassword", People.PASSWORD, "newPassword", NEW_PASSWORD))
                .when().post("/api/auth/password");
        changed.then().statusCode(200).body("accessToken", notNullValue());

        People.refresh(elsewhere.refreshToken()).then().statusCode(401);
        People.refresh(teacher.refreshToken()).then().statusCode(401);
        People.refresh(changed.getCookie(People.REFRESH_COOKIE)).then().statusCode(200);
        People.login(teacher.email(), People.PASSWORD, People.someAddress()).then().statusCode(401);
        People.login(teacher.email(), NEW_PASSWORD, People.someAddress()).then().statusCode(200);
    }

    private static Response askForReset(String email) {
        return People.fromSomewhere().contentType(ContentType.JSON).body(Map.of("email", email))
                .when().post("/api/auth/password-reset");
    }

    private static Response confirm(String token, String password) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token, "password", password))
                .when().post("/api/auth/password-reset/confirm");
    }
}
