package academy.muse.gateway.auth;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.gateway.GatewayEvents;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.invitation.Invitation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import academy.muse.gateway.account.Account;

import static academy.muse.gateway.People.signUp;
import static academy.muse.gateway.People.signUpBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.containsInAnyOrder;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class SignUpTest {

    @Inject
    MongoClient mongo;

    @Test
    void aTeacherSignsUpAndThenSignsInWithTheNewPassword() {
        Map<String, Object> body = signUpBody("Mina Park", null);
        signUp(body).then().statusCode(202).header("Set-Cookie", nullValue()).body("status", equalTo("accepted"));
        String id = People.login((String) body.get("email"), People.PASSWORD, People.someAddress()).then().statusCode(200)
                .header("Set-Cookie", allOf(startsWith("muse_refresh="), containsString("HttpOnly"),
                        containsString("Secure"), containsString("SameSite=Strict"), containsString("Path=/api/auth")))
                .body("tokenType", equalTo("Bearer"))
                .body("accessToken", notNullValue())
                .body("account.role", equalTo("teacher"))
                .body("account.email", equalTo(body.get("email")))
                .body("account.zone", equalTo("Asia/Seoul"))
                .body("account", not(hasKey("passwordHash")))
                .extract().path("account.id");

        Document created = GatewayEvents.data(GatewayEvents.sent(mongo, "academy.muse.account.created.v1", id).get(0));
        assertThat(created.getString("displayName")).isEqualTo("Mina Park");
        assertThat(created.getList("roles", String.class)).containsExactly("teacher");
    }

    @Test
    void aStudentSignsUpThroughAnInvitationAndIsLinkedToTheTeacher() {
        Person teacher = People.teacher("Mina Park");
        String token = People.invite(teacher, "student", null);
        Person student = People.signedUp(signUpBody("Sara Haddad", token));

        student.asThem().when().get("/api/me").then().statusCode(200).body("role", equalTo("student"));
        student.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("teachers.id", equalTo(List.of(teacher.id())))
                .body("teachers[0].displayName", equalTo("Mina Park"))
                .body("teachers[0].zone", equalTo("Asia/Seoul"));
        teacher.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("students.id", equalTo(List.of(student.id())));

        Document relation = GatewayEvents.data(
                GatewayEvents.sent(mongo, "academy.muse.account.relation-added.v1", student.id()).get(0));
        assertThat(relation.getString("teacherId")).isEqualTo(teacher.id());
        assertThat(relation.getString("memberRole")).isEqualTo("student");
    }

    @Test
    void anObserverSignsUpThroughAnInvitationToWatchOneStudent() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Haddad");
        String token = People.invite(teacher, "observer", student.id());

        given().when().get("/api/auth/invitations/" + token).then().statusCode(200)
                .body("teacherDisplayName", equalTo("Mina Park"))
                .body("role", equalTo("observer"))
                .body("studentDisplayName", equalTo("Sara Haddad"));
        Person parent = People.signedUp(signUpBody("Layla Haddad", token));

        parent.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("students.id", equalTo(List.of(student.id())))
                .body("teachers.size()", equalTo(0));
        student.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("observers.id", equalTo(List.of(parent.id())))
                .body("observers[0].observes", equalTo(student.id()));
        Document relation = GatewayEvents.data(
                GatewayEvents.sent(mongo, "academy.muse.account.relation-added.v1", parent.id()).get(0));
        assertThat(relation.getString("observedStudentId")).isEqualTo(student.id());
    }

    @Test
    void anInvitationLinkNamesThePublicUrlAndExpires() {
        Person teacher = People.teacher("Mina Park");
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("role", "student"))
                .when().post("/api/auth/invitations")
                .then().statusCode(201)
                .body("link", startsWith("http://localhost:8080/invite/"))
                .body("expiresAt", notNullValue());
    }

    @Test
    void anInvitationWorksOnlyOnce() {
        Person teacher = People.teacher("Mina Park");
        String token = People.invite(teacher, "student", null);
        People.signedUp(signUpBody("Sara Haddad", token));

        Map<String, Object> second = signUpBody("Someone Else", token);
        signUp(second).then().statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/invitation-used"));
        given().when().get("/api/auth/invitations/" + token).then().statusCode(410);
        assertNothingStoredFor(second);
    }

    @Test
    void twoPeopleRacingWithOneInvitationMakeOneAccount() throws Exception {
        Person teacher = People.teacher("Mina Park");
        String token = People.invite(teacher, "student", null);
        List<Map<String, Object>> bodies = List.of(signUpBody("Sara Haddad", token), signUpBody("Omar Saleh", token));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = pool.invokeAll(bodies.stream()
                    .<Callable<Integer>>map(body -> () -> signUp(body).statusCode()).toList());
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(202, 410);
        } finally {
            pool.shutdownNow();
        }
        teacher.asThem().when().get("/api/me/relations").then().body("students.size()", equalTo(1));
    }

    @Test
    void anExpiredInvitationIsRefused() {
        Person teacher = People.teacher("Mina Park");
        String token = People.invite(teacher, "student", null);
        Invitation.mongoCollection().updateOne(Filters.eq("_id", OpaqueTokens.hash(token)),
                Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(60))));

        Map<String, Object> body = signUpBody("Sara Haddad", token);
        signUp(body).then().statusCode(410)
                .body("type", equalTo("https://muse.academy/problems/invitation-expired"));
        assertNothingStoredFor(body);
    }

    @Test
    void anUnknownInvitationIsNotFound() {
        given().when().get("/api/auth/invitations/no-such-invitation").then().statusCode(404)
                .contentType("application/problem+json");
        Map<String, Object> body = signUpBody("Sara Haddad", "no-such-invitation");
        signUp(body).then().statusCode(404);
        assertNothingStoredFor(body);
    }

    @Test
    void aSignUpWithATakenEmailGetsTheSameAnswerMakesNoAccountAndLeavesTheOwnersPassword() {
        Map<String, Object> body = signUpBody("Mina Park", null);
        String first = signUp(body).then().statusCode(202).extract().asString();
        String email = (String) body.get("email");
        Account before = Account.findByEmail(email).orElseThrow();
        Map<String, Object> again = signUpBody("Mina Again", null);
        again.put("email", email.toUpperCase());
        again.put("password", "another long passphrase");

        String second = signUp(again).then().statusCode(202).extract().asString();

        assertThat(second).as("nothing tells the two apart").isEqualTo(first);
        assertThat(Account.<Account>list("email", email)).singleElement().satisfies(account -> {
            assertThat(account.id).isEqualTo(before.id);
            assertThat(account.passwordHash).isEqualTo(before.passwordHash);
            assertThat(account.displayName).isEqualTo("Mina Park");
        });
        People.login(email, "another long passphrase", People.someAddress()).then().statusCode(401);
        People.login(email, People.PASSWORD, People.someAddress()).then().statusCode(200);
    }

    @Test
    void signUpsFromOneAddressAreLimited() {
        String address = People.someAddress();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(signUpBody("Mina " + i, null))
                    .when().post("/api/auth/signup").then().statusCode(202);
        }
        Map<String, Object> eleventh = signUpBody("Mina Eleven", null);
        given().header("X-Forwarded-For", address).contentType(ContentType.JSON).body(eleventh)
                .when().post("/api/auth/signup").then().statusCode(429).contentType("application/problem+json")
                .header("Retry-After", notNullValue());
        assertNothingStoredFor(eleventh);
        signUp(signUpBody("Mina Elsewhere", null)).then().statusCode(202);
    }

    @Test
    void aFailedSignUpThroughAnInvitationLeavesTheInvitationUsable() {
        Person teacher = People.teacher("Mina Park");
        String token = People.invite(teacher, "student", null);
        Map<String, Object> taken = signUpBody("Sara Haddad", token);
        taken.put("email", teacher.email());
        signUp(taken).then().statusCode(202);

        given().when().get("/api/auth/invitations/" + token).then().statusCode(200);
        People.signedUp(signUpBody("Sara Haddad", token));
    }

    @Test
    void badSignUpsGetAClearProblemAndStoreNothing() {
        assertRefused(with("displayName", "x".repeat(81)), 400, "validation", "displayName");
        assertRefused(with("displayName", "   "), 400, "validation", "displayName");
        assertRefused(with("zone", "Mars/Olympus_Mons"), 400, "validation", "zone");
        assertRefused(with("zone", "+09:00"), 400, "validation", "zone");
        assertRefused(with("email", "not-an-email"), 400, "validation", "email");
        assertRefused(with("locale", "korean please"), 400, "validation", "locale");
        assertRefused(with("password", "short"), 422, "weak-password", "at least 10");
        assertRefused(with("password", "aaaaaaaaaaaa"), 422, "weak-password", "too easy");
        assertRefused(with("password", "1234567890"), 422, "weak-password", "too easy");
        assertRefused(with("password", "ü".repeat(40)), 422, "weak-password", "at most 72 bytes");
        assertRefused(with("favouriteComposer", "Bach"), 400, "unknown-field", "favouriteComposer");
        for (String name : List.of("Mina\rPark", "Mina\nPark", "Mina\tPark", "Mina\u0000", "Mina\u007f",
                "Mina\u0085", "Mina\u2028", "Mina\u2029", "\u202EkraP aniM", "Mina\u2066")) {
            assertRefused(with("displayName", name), 422, "invalid-characters", "displayName");
        }
    }

    @Test
    void malformedJsonIsRefused() {
        People.fromSomewhere().contentType(ContentType.JSON).body("{\"email\": \"a@b.c\", ")
                .when().post("/api/auth/signup")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }

    @Test
    void onlyTeachersInviteAndOnlyToTheirOwnStudents() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Haddad");
        Person otherTeacher = People.teacher("Jonas Weber");

        student.asThem().contentType(ContentType.JSON).body(Map.of("role", "student"))
                .when().post("/api/auth/invitations").then().statusCode(403);
        otherTeacher.asThem().contentType(ContentType.JSON)
                .body(Map.of("role", "observer", "studentId", student.id()))
                .when().post("/api/auth/invitations").then().statusCode(422)
                .body("type", equalTo("https://muse.academy/problems/not-your-student"));
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("role", "observer"))
                .when().post("/api/auth/invitations").then().statusCode(422)
                .body("type", equalTo("https://muse.academy/problems/student-required"));
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("role", "admin"))
                .when().post("/api/auth/invitations").then().statusCode(400)
                .body("errors.field", hasItem("role"));
        given().contentType(ContentType.JSON).body(Map.of("role", "student"))
                .when().post("/api/auth/invitations").then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void aStudentWithAnAccountAcceptsASecondTeachersInvitation() {
        Person first = People.teacher("Mina Park");
        Person student = People.student(first, "Sara Haddad");
        Person second = People.teacher("Jonas Weber");
        String token = People.invite(second, "student", null);

        student.asThem().when().post("/api/auth/invitations/" + token + "/accept").then().statusCode(200)
                .body("teachers.id", containsInAnyOrder(first.id(), second.id()));
        student.asThem().when().post("/api/auth/invitations/" + token + "/accept").then().statusCode(410);
        first.asThem().when().post("/api/auth/invitations/" + People.invite(second, "student", null) + "/accept")
                .then().statusCode(403);
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = signUpBody("Sara Haddad", null);
        body.put(field, value);
        return body;
    }

    private static void assertRefused(Map<String, Object> body, int status, String type, String detailPart) {
        signUp(body).then().statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo("https://muse.academy/problems/" + type))
                .body("detail", containsString(detailPart));
        assertNothingStoredFor(body);
    }

    /** No account was made: the email cannot sign in, and can still sign up. */
    private static void assertNothingStoredFor(Map<String, Object> body) {
        Object email = body.get("email");
        if (!(email instanceof String address) || !address.contains("@")) {
            return;
        }
        People.login(address, People.PASSWORD, People.someAddress()).then().statusCode(401);
        assertThat(Account.findByEmail(address.trim().toLowerCase())).isEmpty();
    }
}
