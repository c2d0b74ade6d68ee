package academy.muse.gateway.export;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.SmtpTestResource;
import academy.muse.gateway.GatewayEvents;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** A person takes a copy of their data and deletes their own account. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(SmtpTestResource.class)
@WithTestResource(PeoplesServicesStub.class)
class OwnDataTest {

    private static final String PROBLEMS = "https://muse.academy/problems/";

    @Inject
    MongoClient mongo;

    @Test
    void theExportHoldsTheAccountRelationsInvitationsLessonsAndMediaWithPlaybackLinks() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Kim");
        People.invite(teacher, "student", null);

        Response export = teacher.asThem().get("/api/me/export");

        export.then().statusCode(200).contentType(ContentType.JSON)
                .header("Content-Disposition", containsString("attachment"))
                .header("Cache-Control", "no-store")
                .body("version", equalTo(1))
                .body("account.id", equalTo(teacher.id()))
                .body("account.email", equalTo(teacher.email()))
                .body("account", not(org.hamcrest.Matchers.hasKey("passwordHash")))
                .body("relations.students.id", hasItem(student.id()))
                .body("invitations.state", containsInAnyOrder("pending", "used"))
                // read from scheduling and vod with the person's own token: theirs, as they see it in the app
                .body("lessons.id", equalTo(List.of("lesson-of-" + teacher.id())))
                .body("lessons[0].query", containsString("from=2000-01-01T00:00:00Z"))
                .body("media.asset.id", equalTo(List.of("replay-of-" + teacher.id(), "preview-of-" + teacher.id())))
                .body("media[0].playback.hls", equalTo("/media/signed/replay-of-" + teacher.id() + "/master.m3u8"))
                .body("media[1].playback", nullValue());
        assertThat(export.body().asString()).doesNotContain("tokenHash").doesNotContain(People.PASSWORD);
        student.asThem().get("/api/me/export").then().statusCode(200)
                .body("relations.teachers.id", equalTo(List.of(teacher.id())))
                .body("lessons.id", equalTo(List.of("lesson-of-" + student.id())));
    }

    @Test
    void anExportThatWouldMissAServicesPartIsA503NotAnIncompleteFile() {
        Person teacher = People.teacher("Mina Park");
        PeoplesServicesStub.down(true);
        try {
            teacher.asThem().get("/api/me/export").then().statusCode(503).contentType("application/problem+json")
                    .body("detail", containsString("vod"));
        } finally {
            PeoplesServicesStub.down(false);
        }
        given().get("/api/me/export").then().statusCode(401);
    }

    @Test
    void aTeacherDeletesTheirAccountWithTheirPasswordAndIsGoneEverywhereAtOnce() {
        Person teacher = People.teacher("Mina Park");
        Person student = People.student(teacher, "Sara Kim");
        String pending = People.invite(teacher, "student", null);

        delete(teacher, "not my password").then().statusCode(403).body("type", equalTo(PROBLEMS + "wrong-password"));
        teacher.asThem().get("/api/me").then().statusCode(200);

        delete(teacher, People.PASSWORD).then().statusCode(204).header("Set-Cookie", containsString("Max-Age=0"));

        List<Document> deleted = GatewayEvents.sent(mongo, "academy.muse.account.deleted.v1", teacher.id());
        assertThat(deleted).hasSize(1);
        assertThat(GatewayEvents.data(deleted.get(0)).getList("roles", String.class)).containsExactly("teacher");
        teacher.asThem().get("/api/me").then().statusCode(401);
        People.refresh(teacher.refreshToken()).then().statusCode(401);
        People.login(teacher.email(), People.PASSWORD, People.someAddress()).then().statusCode(401);
        People.refreshed(student).asThem().get("/api/me/relations").then().statusCode(200)
                .body("teachers", empty());
        given().get("/api/auth/invitations/" + pending).then().statusCode(410);
        // The address is free again: a new account, with a new id and nothing of the old one.
        Map<String, Object> again = People.signUpBody("Mina Park", null);
        again.put("email", teacher.email());
        assertThat(People.signedUp(again).id()).isNotEqualTo(teacher.id());
    }

    @Test
    void theLastAdminCannotDeleteThemselves() {
        Person admin = People.loggedIn("admin@muse.test", "operator-test-passphrase");
        delete(admin, "operator-test-passphrase").then().statusCode(409).body("type", equalTo(PROBLEMS + "last-admin"));
        admin.asThem().get("/api/me").then().statusCode(200);
    }

    @Test
    void deletingWithoutAPasswordIsAProblemAndDeletesNothing() {
        Person student = People.student(People.teacher("Mina Park"), "Sara Kim");
        student.asThem().contentType(ContentType.JSON).body("{}").post("/api/me/deletion")
                .then().statusCode(400).contentType("application/problem+json");
        student.asThem().get("/api/me").then().statusCode(200);
    }

    private static Response delete(Person person, String password) {
        return person.asThem().contentType(ContentType.JSON).body(Map.of("password", password)).post("/api/me/deletion");
    }
}
