package academy.muse.gateway.auth;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.Mailboxes;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.export.PeoplesServicesStub;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static academy.muse.gateway.Mailboxes.calendarDate;
import static academy.muse.gateway.Mailboxes.clockTime;
import static academy.muse.gateway.Mailboxes.verificationMailTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A new teacher's address is confirmed by the link mailed to it, once and for an hour; under the {@code verified-email}
 * policy a teacher creates lessons only after that. Mail read back from the real SMTP server, links followed.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(PeoplesServicesStub.class)
class EmailVerificationTest {

    static final Pattern LINK = Pattern.compile("http\\S+/verify-email\\?token=(\\S+)");
    private static final String PROBLEMS = "https://muse.academy/problems/";

    @Inject
    MongoClient mongo;

    @Test
    void aNewTeacherConfirmsTheirAddressOnceWithTheLinkMailedInTheirLanguage() {
        Person teacher = People.teacher("Mina Park"); // ko-KR, Asia/Seoul
        me(teacher).then().body("emailVerified", equalTo(false));

        ReceivedMail mail = verificationMailTo(teacher.email());
        assertThat(mail.language()).isEqualTo("ko");
        assertThat(mail.subject()).isEqualTo("Muse Academy 이메일 주소 확인");
        String token = tokenIn(mail);
        Document link = stored(token);
        Instant expiresAt = link.getDate("expiresAt").toInstant();
        assertThat(Duration.between(link.getDate("createdAt").toInstant(), expiresAt)).isEqualTo(Duration.ofHours(1));
        assertThat(mail.text()).contains(calendarDate(expiresAt, "Asia/Seoul", true),
                clockTime(expiresAt, "Asia/Seoul", true), "(Asia/Seoul)");

        confirm(token).then().statusCode(200).body("email", equalTo(teacher.email())).body("purpose", equalTo("sign-up"));
        me(teacher).then().body("emailVerified", equalTo(true));
        confirm(token).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "verification-link-spent"));
    }

    @Test
    void theMailSpeaksEnglishAndArabicToo() {
        Person english = People.teacher("Sara Jones", "en-US", "America/New_York");
        Person arabic = People.teacher("Layla Haddad", "ar", "Asia/Dubai");

        ReceivedMail toEnglish = verificationMailTo(english.email());
        assertThat(toEnglish.language()).isEqualTo("en");
        assertThat(toEnglish.subject()).isEqualTo("Confirm your address for Muse Academy");
        assertThat(toEnglish.text()).startsWith("Hello Sara Jones,").contains("(America/New_York)");
        ReceivedMail toArabic = verificationMailTo(arabic.email());
        assertThat(toArabic.language()).isEqualTo("ar");
        assertThat(toArabic.subject()).isEqualTo("أكّد عنوانك في Muse Academy");
        assertThat(toArabic.text()).contains("(Asia/Dubai)");
        confirm(tokenIn(toArabic)).then().statusCode(200);
    }

    @Test
    void aStudentGetsNoVerificationMail() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Kim");

        verificationMailTo(teacher.email());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> SmtpTestResource.receivedBy(student.email()).isEmpty());
    }

    @Test
    void anExpiredOrMadeUpLinkIsRefusedAndConfirmsNothing() {
        Person teacher = People.teacher("Mina Park");
        String token = tokenIn(verificationMailTo(teacher.email()));
        links().updateOne(Filters.eq("_id", OpaqueTokens.hash(token)),
                Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(1))));

        confirm(token).then().statusCode(410).contentType("application/problem+json");
        confirm("not-a-token-we-made").then().statusCode(410).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("token", "")).post("/api/auth/verify-email")
                .then().statusCode(400).contentType("application/problem+json");
        me(teacher).then().body("emailVerified", equalTo(false));
    }

    @Test
    void resendingWaitsAMinuteBetweenLinksAndStopsOnceConfirmed() {
        Person teacher = People.teacher("Mina Park");
        verificationMailTo(teacher.email());

        resend(teacher).then().statusCode(429).contentType("application/problem+json").header("Retry-After", "60");
        mongo.getDatabase("gateway").getCollection("accounts").updateOne(Filters.eq("_id", teacher.id()),
                Updates.set("verificationMailedAt", Date.from(Instant.now().minus(Duration.ofMinutes(2)))));
        resend(teacher).then().statusCode(202);

        ReceivedMail second = Mailboxes.awaitMailOfKind(teacher.email(), "email-verification", 2).get(1);
        confirm(tokenIn(second)).then().statusCode(200);
        resend(teacher).then().statusCode(409).body("type", equalTo(PROBLEMS + "email-already-verified"));
    }

    @Test
    void underTheVerifiedEmailPolicyATeacherCreatesLessonsOnlyOnceConfirmed() {
        Person admin = People.loggedIn("admin@muse.test", "operator-test-passphrase");
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Kim");
        try {
            setPolicy(admin, "open");
            book(teacher).then().statusCode(200).body("method", equalTo("POST"));

            setPolicy(admin, "verified-email").body("teacherSignUp", equalTo("verified-email"));
            book(teacher).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "email-not-verified"))
                    .body("detail", containsString("Confirm your email address"));
            teacher.asThem().contentType(ContentType.JSON).body("{}").post("/api/scheduling/series/")
                    .then().statusCode(403);
            teacher.asThem().get("/api/scheduling/lessons").then().statusCode(200);
            student.asThem().contentType(ContentType.JSON).body("{}").post("/api/scheduling/lessons")
                    .then().statusCode(200);

            admin.asThem().get("/api/admin/accounts?id=" + teacher.id()).then().body("items[0].emailVerified", equalTo(false));
            confirm(tokenIn(verificationMailTo(teacher.email()))).then().statusCode(200);
            admin.asThem().get("/api/admin/accounts?id=" + teacher.id()).then().body("items[0].emailVerified", equalTo(true));
            String body = "{\"title\":\"Violin\",\"studentIds\":[\"" + student.id() + "\"]}";
            teacher.asThem().contentType(ContentType.JSON).body(body).post("/api/scheduling/lessons")
                    .then().statusCode(200).body("uri", equalTo("/lessons")).body("bodyBytes", equalTo(body.length()));
        } finally {
            setPolicy(admin, "open");
        }
    }

    static String tokenIn(ReceivedMail mail) {
        Matcher link = LINK.matcher(mail.text());
        assertThat(link.find()).as(mail.text()).isTrue();
        return link.group(1);
    }

    static Response confirm(String token) {
        return given().contentType(ContentType.JSON).body(Map.of("token", token)).when().post("/api/auth/verify-email");
    }

    static Response me(Person person) {
        return person.asThem().get("/api/me");
    }

    private static Response resend(Person person) {
        return person.asThem().post("/api/me/email-verification");
    }

    private static Response book(Person teacher) {
        return teacher.asThem().contentType(ContentType.JSON).body("{\"title\":\"Violin\"}").post("/api/scheduling/lessons");
    }

    private static io.restassured.response.ValidatableResponse setPolicy(Person admin, String policy) {
        return admin.asThem().contentType(ContentType.JSON).body(Map.of("teacherSignUp", policy))
                .put("/api/admin/signup-policy").then().statusCode(200);
    }

    private MongoCollection<Document> links() {
        return mongo.getDatabase("gateway").getCollection("email_verifications");
    }

    private Document stored(String token) {
        return links().find(Filters.eq("_id", OpaqueTokens.hash(token))).first();
    }
}
