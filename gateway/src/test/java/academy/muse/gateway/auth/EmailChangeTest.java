package academy.muse.gateway.auth;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.export.PeoplesServicesStub;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static academy.muse.gateway.Mailboxes.awaitMailOfKind;
import static academy.muse.gateway.auth.EmailVerificationTest.confirm;
import static academy.muse.gateway.auth.EmailVerificationTest.me;
import static academy.muse.gateway.auth.EmailVerificationTest.tokenIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

/** A person moves their account to another address: the new one confirms, the old one is told and stays until then. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(PeoplesServicesStub.class)
class EmailChangeTest {

    private static final String PROBLEMS = "https://muse.academy/problems/";

    @Inject
    MongoClient mongo;

    @Test
    void theNewAddressConfirmsWithItsLinkTheOldIsToldAndKeepsWorkingUntilThen() {
        Person student = People.student(People.teacher("Mina Park"), "Sara Kim"); // ko-KR
        String newAddress = People.uniqueEmail("sara-new");

        change(student, newAddress, People.PASSWORD).then().statusCode(202)
                .body("email", equalTo(student.email())).body("pendingEmail", equalTo(newAddress));

        ReceivedMail notice = awaitMailOfKind(student.email(), "email-change-notice", 1).get(0);
        assertThat(notice.language()).isEqualTo("ko");
        assertThat(notice.text()).contains(newAddress).doesNotContain("verify-email");
        ReceivedMail link = awaitMailOfKind(newAddress, "email-change", 1).get(0);
        assertThat(link.subject()).isEqualTo("Muse Academy 새 이메일 주소 확인");
        assertThat(link.text()).contains(student.email());
        People.login(student.email(), People.PASSWORD, People.someAddress()).then().statusCode(200);

        String token = tokenIn(link);
        confirm(token).then().statusCode(200).body("email", equalTo(newAddress)).body("purpose", equalTo("email-change"));
        me(student).then().body("email", equalTo(newAddress)).body("pendingEmail", nullValue())
                .body("emailVerified", equalTo(true));
        People.login(newAddress, People.PASSWORD, People.someAddress()).then().statusCode(200);
        People.login(student.email(), People.PASSWORD, People.someAddress()).then().statusCode(401);
        confirm(token).then().statusCode(410).body("type", equalTo(PROBLEMS + "verification-link-spent"));
    }

    @Test
    void aNewerRequestReplacesTheEarlierLink() {
        Person teacher = People.teacher("Mina Park", "en", "Europe/Berlin");
        String first = People.uniqueEmail("first");
        String second = People.uniqueEmail("second");
        allowAnotherMail(teacher); // after the sign-up's own link

        change(teacher, first, People.PASSWORD).then().statusCode(202);
        String firstToken = tokenIn(awaitMailOfKind(first, "email-change", 1).get(0));
        allowAnotherMail(teacher);
        change(teacher, second, People.PASSWORD).then().statusCode(202).body("pendingEmail", equalTo(second));

        confirm(firstToken).then().statusCode(410);
        confirm(tokenIn(awaitMailOfKind(second, "email-change", 1).get(0))).then().statusCode(200);
        me(teacher).then().body("email", equalTo(second));
    }

    @Test
    void anAddressAnotherAccountHasIsRefusedWithoutSayingWhose() {
        Person teacher = People.teacher("Mina Park");
        Person other = People.teacher("Ji-woo Kim");

        change(teacher, other.email().toUpperCase(), People.PASSWORD).then().statusCode(409)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "email-unavailable"))
                .body("detail", not(containsString(other.email()))).body("detail", not(containsString("Ji-woo")));
        me(teacher).then().body("pendingEmail", nullValue());
    }

    @Test
    void anAddressTakenWhileTheLinkWaitedIsRefusedAndChangesNothing() {
        Person teacher = People.teacher("Mina Park");
        String wanted = People.uniqueEmail("wanted");
        allowAnotherMail(teacher);
        change(teacher, wanted, People.PASSWORD).then().statusCode(202);
        String token = tokenIn(awaitMailOfKind(wanted, "email-change", 1).get(0));

        Map<String, Object> body = People.signUpBody("Somebody Else", null);
        body.put("email", wanted);
        People.signedUp(body);

        confirm(token).then().statusCode(409).body("type", equalTo(PROBLEMS + "email-unavailable"));
        me(teacher).then().body("email", equalTo(teacher.email()));
    }

    @Test
    void badRequestsAreProblemsAndStoreNothing() {
        Person teacher = People.teacher("Mina Park");

        change(teacher, People.uniqueEmail("new"), "not my password").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo(PROBLEMS + "wrong-password"));
        change(teacher, "not an address", People.PASSWORD).then().statusCode(400).contentType("application/problem+json");
        change(teacher, teacher.email(), People.PASSWORD).then().statusCode(422).body("type", equalTo(PROBLEMS + "same-email"));
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("newEmail", People.uniqueEmail("x"), "password",
                People.PASSWORD, "admin", true)).post("/api/me/email").then().statusCode(400);
        me(teacher).then().body("pendingEmail", nullValue());
        io.restassured.RestAssured.given().contentType(ContentType.JSON)
                .body(Map.of("newEmail", People.uniqueEmail("x"), "password", People.PASSWORD))
                .post("/api/me/email").then().statusCode(401);
    }

    @Test
    void askingWithinAMinuteOfTheLastMailedLinkIsThrottled() {
        Person teacher = People.teacher("Mina Park"); // whose sign-up link was mailed just now
        change(teacher, People.uniqueEmail("one"), People.PASSWORD).then().statusCode(429).header("Retry-After", "60");
        allowAnotherMail(teacher);
        change(teacher, People.uniqueEmail("two"), People.PASSWORD).then().statusCode(202);
        change(teacher, People.uniqueEmail("three"), People.PASSWORD).then().statusCode(429);
    }

    private static Response change(Person person, String newEmail, String password) {
        return person.asThem().contentType(ContentType.JSON).body(Map.of("newEmail", newEmail, "password", password))
                .post("/api/me/email");
    }

    /** The throttle's minute, passed: as if the person asked again a while later. */
    private void allowAnotherMail(Person person) {
        mongo.getDatabase("gateway").getCollection("accounts").updateOne(Filters.eq("_id", person.id()),
                Updates.set("verificationMailedAt", Date.from(Instant.now().minus(Duration.ofMinutes(2)))));
    }
}
