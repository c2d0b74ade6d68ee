package academy.muse.gateway.admin;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.gateway.AnotherService;
import academy.muse.gateway.GatewayEvents;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.auth.OpaqueTokens;
import academy.muse.gateway.invitation.Invitation;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static academy.muse.gateway.People.PASSWORD;
import static academy.muse.gateway.People.login;
import static academy.muse.gateway.People.refresh;
import static academy.muse.gateway.People.signUp;
import static academy.muse.gateway.People.signUpBody;
import static academy.muse.gateway.People.someAddress;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** The admin console's API with real accounts, sessions and invitations in the real embedded store and broker. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class AdminConsoleTest {

    private static final String ADMIN_EMAIL = "admin@muse.test";
    private static final String PROBLEMS = "https://muse.academy/problems/";

    @Inject
    MongoClient mongo;

    private static Person admin() {
        return People.loggedIn(ADMIN_EMAIL, "operator-test-passphrase");
    }

    private static RequestSpecification json(Person person) {
        return person.asThem().contentType(ContentType.JSON);
    }

    @Test
    void everyAdminEndpointRefusesTeachersStudentsAndObserversWithAProblem() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Haddad");
        Person observer = People.observer(teacher, student, "Layla Haddad");
        List<Function<RequestSpecification, io.restassured.response.Response>> calls = List.of(
                request -> request.get("/api/admin/accounts"),
                request -> request.post("/api/admin/accounts/" + student.id() + "/disable"),
                request -> request.post("/api/admin/accounts/" + student.id() + "/enable"),
                request -> request.contentType(ContentType.JSON).body(Map.of("role", "admin"))
                        .put("/api/admin/accounts/" + teacher.id() + "/role"),
                request -> request.delete("/api/admin/accounts/" + student.id()),
                request -> request.get("/api/admin/invitations"),
                request -> request.post("/api/admin/invitations"),
                request -> request.post("/api/admin/invitations/some-id/revoke"),
                request -> request.get("/api/admin/signup-policy"),
                request -> request.contentType(ContentType.JSON).body(Map.of("teacherSignUp", "admin-invitation"))
                        .put("/api/admin/signup-policy"),
                request -> request.get("/api/admin/audit"));
        for (Person outsider : List.of(teacher, student, observer)) {
            for (var call : calls) {
                call.apply(outsider.asThem()).then().statusCode(403).contentType("application/problem+json")
                        .body("type", equalTo(PROBLEMS + "forbidden"));
            }
        }
        for (var call : calls) {
            call.apply(given()).then().statusCode(401).contentType("application/problem+json");
        }
        assertThat(Account.<Account>findByIdOptional(student.id()).orElseThrow().disabled()).isFalse();
        assertThat(Account.<Account>findByIdOptional(teacher.id()).orElseThrow().role).isEqualTo("teacher");
    }

    @Test
    void anAdminFindsAccountsByNameOrEmailPageByPage() {
        String surname = "Qx" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        Person first = People.teacher("Ada " + surname);
        Person second = People.teacher("Bea " + surname);
        Person third = People.teacher("Cleo " + surname);
        Person admin = admin();

        JsonPath firstPage = admin.asThem().queryParam("q", surname.toUpperCase()).queryParam("size", 2)
                .get("/api/admin/accounts").then().statusCode(200).extract().jsonPath();
        JsonPath secondPage = admin.asThem().queryParam("q", surname).queryParam("size", 2).queryParam("page", 1)
                .get("/api/admin/accounts").then().statusCode(200).extract().jsonPath();
        assertThat(firstPage.getLong("total")).isEqualTo(3);
        assertThat(firstPage.getList("items.id", String.class)).hasSize(2);
        assertThat(secondPage.getList("items.id", String.class)).hasSize(1);
        assertThat(List.of(firstPage.getList("items.id", String.class), secondPage.getList("items.id", String.class))
                .stream().flatMap(List::stream).toList()).containsExactlyInAnyOrder(first.id(), second.id(), third.id());
        assertThat(firstPage.getList("items", Map.class)).allSatisfy(item -> assertThat(item).doesNotContainKey("passwordHash"));

        admin.asThem().queryParam("q", second.email().substring(0, 20)).get("/api/admin/accounts").then()
                .statusCode(200).body("items.id", equalTo(List.of(second.id())));
        admin.asThem().queryParam("q", ".*").get("/api/admin/accounts").then().statusCode(200)
                .body("total", equalTo(0));
        admin.asThem().queryParam("id", first.id()).queryParam("id", third.id()).get("/api/admin/accounts").then()
                .statusCode(200).body("items.displayName", equalTo(List.of("Ada " + surname, "Cleo " + surname)));
        admin.asThem().queryParam("size", 201).get("/api/admin/accounts").then().statusCode(400);
    }

    @Test
    void aDisabledAccountCannotSignInOrRefreshAndItsSessionsEndAtOnceUntilEnabledAgain() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Haddad");
        Person admin = admin();

        admin.asThem().post("/api/admin/accounts/" + student.id() + "/disable").then().statusCode(200)
                .body("disabled", equalTo(true));

        login(student.email(), PASSWORD, someAddress()).then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "account-disabled"));
        login(student.email(), "not the right password", someAddress()).then().statusCode(401)
                .body("type", equalTo(PROBLEMS + "invalid-credentials"));
        refresh(student.refreshToken()).then().statusCode(401);
        student.asThem().get("/api/me").then().statusCode(403).body("type", equalTo(PROBLEMS + "account-disabled"));

        admin.asThem().post("/api/admin/accounts/" + student.id() + "/enable").then().statusCode(200)
                .body("disabled", equalTo(false));
        refresh(student.refreshToken()).then().statusCode(401);
        Person back = People.loggedIn(student.email(), PASSWORD);
        back.asThem().get("/api/me").then().statusCode(200).body("role", equalTo("student"));

        List<Map<String, Object>> entries = latestAudit(admin, 2);
        assertThat(entries).extracting(entry -> entry.get("action")).containsExactly("account.enable", "account.disable");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry).containsEntry("actorEmail", ADMIN_EMAIL).containsEntry("targetId", student.id())
                    .containsEntry("targetLabel", student.email()).containsEntry("outcome", "succeeded");
            assertThat(entry.get("at")).isNotNull();
        });
    }

    @Test
    void theLastAdminCannotBeDisabledDemotedOrDeletedAndTheRefusalsAreAudited() {
        Person admin = admin();
        assertThat(Account.count("role", "admin")).as("the bootstrapped admin is the only one").isEqualTo(1);

        json(admin).body(Map.of("role", "teacher")).put("/api/admin/accounts/" + admin.id() + "/role").then()
                .statusCode(409).contentType("application/problem+json").body("type", equalTo(PROBLEMS + "last-admin"));
        admin.asThem().post("/api/admin/accounts/" + admin.id() + "/disable").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "last-admin"));
        admin.asThem().delete("/api/admin/accounts/" + admin.id()).then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "last-admin"));

        Account after = Account.<Account>findByIdOptional(admin.id()).orElseThrow();
        assertThat(after.role).isEqualTo("admin");
        assertThat(after.disabled()).isFalse();
        People.loggedIn(ADMIN_EMAIL, "operator-test-passphrase");
        assertThat(latestAudit(admin, 3)).extracting(entry -> entry.get("action") + " " + entry.get("outcome"))
                .containsExactly("account.delete refused", "account.disable refused", "account.role refused");
    }

    @Test
    void aChangedRoleIsInTheNextRefreshedTokenAndASecondAdminCanBeDemotedAgain() throws Exception {
        Person teacher = People.teacher("Jonas Weber");
        Person admin = admin();

        json(admin).body(Map.of("role", "admin")).put("/api/admin/accounts/" + teacher.id() + "/role").then()
                .statusCode(200).body("role", equalTo("admin"));
        Person promoted = People.refreshed(teacher);
        assertThat(AnotherService.caller(promoted.accessToken()).roles()).containsExactly("admin");
        promoted.asThem().get("/api/admin/audit").then().statusCode(200);
        Document updated = GatewayEvents.data(GatewayEvents.sent(mongo, "academy.muse.account.updated.v1", teacher.id())
                .get(0));
        assertThat(updated.getList("roles", String.class)).containsExactly("admin");

        json(admin).body(Map.of("role", "observer")).put("/api/admin/accounts/" + teacher.id() + "/role").then()
                .statusCode(200).body("role", equalTo("observer"));
        assertThat(AnotherService.caller(People.refreshed(promoted).accessToken()).roles()).containsExactly("observer");
        json(admin).body(Map.of("role", "superuser")).put("/api/admin/accounts/" + teacher.id() + "/role").then()
                .statusCode(400).body("errors.field", hasItem("role"));
        json(admin).body(Map.of("role", "teacher")).put("/api/admin/accounts/no-such-account/role").then()
                .statusCode(404);
        assertThat(latestAudit(admin, 3)).extracting(entry -> entry.get("action") + " " + entry.get("outcome") + " "
                + entry.get("detail")).containsExactly("account.role refused Account no-such-account was not found",
                "account.role succeeded admin → observer", "account.role succeeded teacher → admin");
    }

    @Test
    void deletingAnAccountPublishesItsDeletionEndsItsSessionsAndFreesTheAddress() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Haddad");
        String pending = People.invite(teacher, "student", null);
        Person admin = admin();

        admin.asThem().delete("/api/admin/accounts/" + student.id()).then().statusCode(204);

        Document deleted = GatewayEvents.data(GatewayEvents.sent(mongo, "academy.muse.account.deleted.v1", student.id())
                .get(0));
        assertThat(deleted.getString("accountId")).isEqualTo(student.id());
        assertThat(deleted.getList("roles", String.class)).containsExactly("student");
        assertThat(Account.findByIdOptional(student.id())).isEmpty();
        login(student.email(), PASSWORD, someAddress()).then().statusCode(401);
        refresh(student.refreshToken()).then().statusCode(401);
        teacher.asThem().get("/api/me/relations").then().statusCode(200).body("students.size()", equalTo(0));
        assertThat(latestAudit(admin, 1).get(0)).containsEntry("action", "account.delete")
                .containsEntry("targetLabel", student.email()).containsEntry("outcome", "succeeded");

        Map<String, Object> again = signUpBody("Sara Haddad", People.invite(teacher, "student", null));
        again.put("email", student.email());
        Person newcomer = People.signedUp(again);
        assertThat(newcomer.id()).isNotEqualTo(student.id());

        admin.asThem().delete("/api/admin/accounts/" + teacher.id()).then().statusCode(204);
        given().get("/api/auth/invitations/" + pending).then().statusCode(410)
                .body("type", equalTo(PROBLEMS + "invitation-revoked"));
        admin.asThem().delete("/api/admin/accounts/" + teacher.id()).then().statusCode(404);
    }

    @Test
    void theAdminListsInvitationsWithTheirStateAndARevokedLinkAnswersAClearProblem() {
        String teacherName = "Mina Park " + System.nanoTime();
        Person teacher = People.teacher(teacherName);
        String used = People.invite(teacher, "student", null);
        People.signedUp(signUpBody("Sara Haddad", used));
        String expired = People.invite(teacher, "student", null);
        Invitation.mongoCollection().updateOne(Filters.eq("_id", OpaqueTokens.hash(expired)),
                Updates.set("expiresAt", Date.from(Instant.now().minusSeconds(60))));
        String pending = People.invite(teacher, "student", null);
        Person admin = admin();

        Map<String, String> states = invitationStates(admin, teacher);
        assertThat(states).containsEntry(OpaqueTokens.hash(used), "used")
                .containsEntry(OpaqueTokens.hash(expired), "expired")
                .containsEntry(OpaqueTokens.hash(pending), "pending");

        admin.asThem().post("/api/admin/invitations/" + OpaqueTokens.hash(pending) + "/revoke").then().statusCode(200)
                .body("state", equalTo("revoked")).body("invitedByName", equalTo(teacherName));
        assertThat(invitationStates(admin, teacher)).containsEntry(OpaqueTokens.hash(pending), "revoked");

        given().get("/api/auth/invitations/" + pending).then().statusCode(410).contentType("application/problem+json")
                .body("type", equalTo(PROBLEMS + "invitation-revoked"));
        Map<String, Object> body = signUpBody("Omar Saleh", pending);
        signUp(body).then().statusCode(410).body("type", equalTo(PROBLEMS + "invitation-revoked"));
        login((String) body.get("email"), PASSWORD, someAddress()).then().statusCode(401);

        admin.asThem().post("/api/admin/invitations/" + OpaqueTokens.hash(used) + "/revoke").then().statusCode(409)
                .body("type", equalTo(PROBLEMS + "invitation-used"));
        admin.asThem().post("/api/admin/invitations/no-such-invitation/revoke").then().statusCode(404);
        assertThat(latestAudit(admin, 3)).extracting(entry -> entry.get("action") + " " + entry.get("targetId") + " "
                + entry.get("outcome")).containsExactly("invitation.revoke no-such-invitation refused",
                "invitation.revoke " + OpaqueTokens.hash(used) + " refused",
                "invitation.revoke " + OpaqueTokens.hash(pending) + " succeeded");
    }

    @Test
    void whenTeachersJoinByInvitationOnlyASignUpWithoutOneIsRefusedAndTheAdminsLinkWorks() {
        Person admin = admin();
        admin.asThem().get("/api/admin/signup-policy").then().statusCode(200)
                .body("teacherSignUp", equalTo("open")).body("defaultPolicy", equalTo("open"));
        try {
            json(admin).body(Map.of("teacherSignUp", "admin-invitation")).put("/api/admin/signup-policy").then()
                    .statusCode(200).body("teacherSignUp", equalTo("admin-invitation"))
                    .body("configuredDefault", equalTo(false)).body("updatedBy", equalTo(admin.id()));

            Map<String, Object> uninvited = signUpBody("Mina Park", null);
            signUp(uninvited).then().statusCode(403).contentType("application/problem+json")
                    .body("type", equalTo(PROBLEMS + "teacher-sign-up-by-invitation"));
            login((String) uninvited.get("email"), PASSWORD, someAddress()).then().statusCode(401);

            String token = admin.asThem().post("/api/admin/invitations").then().statusCode(201)
                    .body("role", equalTo("teacher")).extract().path("token");
            given().get("/api/auth/invitations/" + token).then().statusCode(200).body("role", equalTo("teacher"));
            Person teacher = People.signedUp(signUpBody("Mina Park", token));
            teacher.asThem().get("/api/me").then().statusCode(200).body("role", equalTo("teacher"));
            Person student = People.student(teacher, "Sara Haddad");
            student.asThem().get("/api/me").then().statusCode(200).body("role", equalTo("student"));

            json(admin).body(Map.of("teacherSignUp", "whoever")).put("/api/admin/signup-policy").then().statusCode(400);
        } finally {
            json(admin).body(Map.of("teacherSignUp", "open")).put("/api/admin/signup-policy").then().statusCode(200);
        }
        People.teacher("Jonas Weber");
        assertThat(latestAudit(admin, 3)).extracting(entry -> entry.get("action") + " " + entry.get("detail"))
                .satisfiesExactly(
                        newest -> assertThat(newest).isEqualTo("signup-policy.change admin-invitation → open"),
                        invitation -> assertThat(invitation).startsWith("invitation.create teacher invitation, expires"),
                        oldest -> assertThat(oldest).isEqualTo("signup-policy.change open → admin-invitation"));
    }

    @Test
    void theAuditLogIsListedNewestFirstPageByPage() {
        Person teacher = People.teacher("Mina Park");
        Person admin = admin();
        for (String action : List.of("disable", "enable", "disable", "enable")) {
            admin.asThem().post("/api/admin/accounts/" + teacher.id() + "/" + action).then().statusCode(200);
        }
        JsonPath first = admin.asThem().queryParam("size", 3).get("/api/admin/audit").then().statusCode(200)
                .extract().jsonPath();
        JsonPath second = admin.asThem().queryParam("size", 3).queryParam("page", 1).get("/api/admin/audit").then()
                .statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.action", String.class))
                .containsExactly("account.enable", "account.disable", "account.enable");
        assertThat(second.getString("items[0].action")).isEqualTo("account.disable");
        assertThat(second.getString("items[0].targetId")).isEqualTo(teacher.id());
        assertThat(first.getLong("total")).isEqualTo(second.getLong("total")).isGreaterThanOrEqualTo(4);
        List<String> times = first.getList("items.at", String.class);
        assertThat(times).isSortedAccordingTo((a, b) -> Instant.parse(b).compareTo(Instant.parse(a)));
        admin.asThem().queryParam("page", -1).get("/api/admin/audit").then().statusCode(400)
                .body("errors.field", not(List.of()));
    }

    private static List<Map<String, Object>> latestAudit(Person admin, int count) {
        return admin.asThem().queryParam("size", count).get("/api/admin/audit").then().statusCode(200)
                .extract().jsonPath().getList("items");
    }

    private static Map<String, String> invitationStates(Person admin, Person teacher) {
        List<Map<String, Object>> items = admin.asThem().queryParam("size", 200).get("/api/admin/invitations").then()
                .statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> teacher.id().equals(item.get("invitedBy")))
                .collect(java.util.stream.Collectors.toMap(item -> (String) item.get("id"), item -> (String) item.get("state")));
    }
}
