package academy.muse.gateway.mail;

import academy.muse.devstack.ReceivedMail;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.auth.OpaqueTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static academy.muse.gateway.Mailboxes.calendarDate;
import static academy.muse.gateway.Mailboxes.clockTime;
import static academy.muse.gateway.Mailboxes.theMailTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
class InvitationMailTest {

    private static final Pattern LINK = Pattern.compile("https?://\\S+/invite/(\\S+)");

    @Inject
    MongoClient mongo;

    @Test
    void aKoreanTeachersInvitationIsMailedInKoreanWithTheExpiryInSeoulAndTheMailedLinkSignsTheStudentUp() {
        Person teacher = People.teacher("Mina Park"); // ko-KR, Asia/Seoul
        String address = People.uniqueEmail("sara");

        Response created = invite(teacher, "student", null, address.toUpperCase());
        created.then().statusCode(201).body("emailedTo", equalTo(address));
        String link = created.path("link");
        Instant expiresAt = Instant.parse(created.path("expiresAt"));

        ReceivedMail mail = theMailTo(address);
        assertThat(mail.language()).isEqualTo("ko");
        assertThat(mail.subject()).isEqualTo("Mina Park님이 Muse Academy에 초대했습니다");
        assertThat(mail.text()).contains("Mina Park님이 Muse Academy에서 레슨을 받도록 초대했습니다.")
                .contains(link)
                .contains(calendarDate(expiresAt, "Asia/Seoul", true))
                .contains(clockTime(expiresAt, "Asia/Seoul", true) + " (Asia/Seoul)");
        assertThat(mail.from()).contains("no-reply@");

        String mailedToken = tokenIn(mail.text());
        given().when().get("/api/auth/invitations/" + mailedToken)
                .then().statusCode(200).body("teacherDisplayName", equalTo("Mina Park")).body("role", equalTo("student"));
        Map<String, Object> signUp = People.signUpBody("Sara Haddad", mailedToken);
        signUp.put("email", address);
        People.signedUp(signUp);
    }

    @Test
    void anEnglishTeachersObserverInvitationIsInEnglishWithTheirZoneAndNamesTheStudent() {
        Person teacher = People.teacher("Jonas Weber", "en-US", "America/New_York");
        Person student = People.student(teacher, "Sara Haddad");
        String address = People.uniqueEmail("parent");

        Response created = invite(teacher, "observer", student.id(), address);
        created.then().statusCode(201);
        Instant expiresAt = Instant.parse(created.path("expiresAt"));

        ReceivedMail mail = theMailTo(address);
        assertThat(mail.language()).isEqualTo("en");
        assertThat(mail.subject()).isEqualTo("Jonas Weber invites you to Muse Academy");
        assertThat(mail.text()).contains("Jonas Weber invites you to follow the lessons of Sara Haddad")
                .contains((String) created.path("link"))
                .contains(calendarDate(expiresAt, "America/New_York", false))
                .contains(clockTime(expiresAt, "America/New_York", false) + " (America/New_York)");
    }

    @Test
    void anInvitationWithoutAnAddressIsOnlyALinkToCopy() {
        Person teacher = People.teacher("Mina Park");

        Response created = invite(teacher, "student", null, null);
        created.then().statusCode(201).body("link", containsString("/invite/"));
        String token = created.path("token");

        assertThat((Object) created.path("emailedTo")).isNull();
        assertThat(mongo.getDatabase("gateway").getCollection(MailOutbox.COLLECTION)
                .countDocuments(Filters.eq("_id", "invitation:" + OpaqueTokens.hash(token)))).isZero();
    }

    @Test
    void aMalformedAddressIsRefusedAndNoInvitationIsMade() {
        Person teacher = People.teacher("Mina Park");
        var invitations = mongo.getDatabase("gateway").getCollection("invitations");
        long before = invitations.countDocuments(Filters.eq("teacherId", teacher.id()));

        for (String bad : new String[] {"not-an-address", "", "sara@example.org\r\nBcc: all@example.org"}) {
            invite(teacher, "student", null, bad).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://muse.academy/problems/validation"))
                    .body("detail", containsString("email"));
        }
        assertThat(invitations.countDocuments(Filters.eq("teacherId", teacher.id()))).isEqualTo(before);
    }

    private static Response invite(Person teacher, String role, String studentId, String email) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        if (studentId != null) {
            body.put("studentId", studentId);
        }
        if (email != null) {
            body.put("email", email);
        }
        return teacher.asThem().contentType(ContentType.JSON).body(body).when().post("/api/auth/invitations");
    }

    private static String tokenIn(String text) {
        Matcher matcher = LINK.matcher(text);
        assertThat(matcher.find()).as("a link in: %s", text).isTrue();
        return matcher.group(1);
    }
}
