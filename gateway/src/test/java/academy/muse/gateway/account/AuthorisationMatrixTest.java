package academy.muse.gateway.account;

import academy.muse.platform.security.Caller;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.gateway.AnotherService;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/**
 * Who may read whose profile and relations, with real tokens the gateway issued. A small academy: Mina
 * teaches Sara; Jonas teaches Sara too and Omar; Layla watches Sara's lessons (invited by Mina).
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class AuthorisationMatrixTest {

    static Person mina;
    static Person jonas;
    static Person sara;
    static Person omar;
    static Person layla;
    static Person admin;

    /** Once for the class, but only once the application (and RestAssured's port) is up. */
    @BeforeEach
    void buildTheAcademyOnce() {
        if (admin != null) {
            return;
        }
        mina = People.teacher("Mina Park");
        jonas = People.teacher("Jonas Weber");
        sara = People.student(mina, "Sara Haddad");
        omar = People.student(jonas, "Omar Saleh");
        layla = People.observer(mina, sara, "Layla Haddad");
        sara.asThem().when().post("/api/auth/invitations/" + People.invite(jonas, "student", null) + "/accept")
                .then().statusCode(200);
        sara = People.refreshed(sara);
        mina = People.refreshed(mina);
        jonas = People.refreshed(jonas);
        admin = People.loggedIn("admin@muse.test", "operator-test-passphrase");
        assertThat(admin.id()).isNotNull();
    }

    @Test
    void everyoneSeesExactlyTheProfilesOfThePeopleTheyAreRelatedTo() {
        Map<Person, Set<Person>> visible = new LinkedHashMap<>();
        visible.put(mina, Set.of(mina, sara, layla));
        visible.put(jonas, Set.of(jonas, sara, omar));
        visible.put(sara, Set.of(sara, mina, jonas, layla));
        visible.put(omar, Set.of(omar, jonas));
        visible.put(layla, Set.of(layla, sara));
        visible.put(admin, Set.of(mina, jonas, sara, omar, layla, admin));
        List<Person> everyone = List.of(mina, jonas, sara, omar, layla, admin);

        for (Person reader : visible.keySet()) {
            for (Person target : everyone) {
                int expected = visible.get(reader).contains(target) ? 200 : 404;
                int actual = reader.asThem().when().get("/api/accounts/" + target.id()).then().extract().statusCode();
                assertThat(actual).as("%s reading %s", reader.email(), target.email()).isEqualTo(expected);
            }
        }
    }

    @Test
    void aHiddenProfileLooksExactlyLikeAMissingOne() {
        String hidden = omar.asThem().when().get("/api/accounts/" + mina.id())
                .then().statusCode(404).contentType("application/problem+json").extract().path("type");
        String missing = omar.asThem().when().get("/api/accounts/no-such-account")
                .then().statusCode(404).extract().path("type");
        assertThat(hidden).isEqualTo(missing);
    }

    @Test
    void eachRoleSeesItsOwnRelations() {
        mina.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("students.id", equalTo(List.of(sara.id())))
                .body("observers.id", equalTo(List.of(layla.id())))
                .body("observers[0].observes", equalTo(sara.id()));
        sara.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("teachers.id", containsInAnyOrder(mina.id(), jonas.id()))
                .body("observers.id", equalTo(List.of(layla.id())));
        layla.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("students.id", equalTo(List.of(sara.id())))
                .body("students[0].displayName", equalTo("Sara Haddad"))
                .body("teachers.size()", equalTo(0))
                .body("observers.size()", equalTo(0));
        omar.asThem().when().get("/api/me/relations").then().statusCode(200)
                .body("teachers.id", equalTo(List.of(jonas.id())))
                .body("observers.size()", equalTo(0));
    }

    @Test
    void anotherServiceVerifiesTheGatewaysTokensAndReadsTheSameRelations() throws Exception {
        Caller teacher = AnotherService.caller(mina.accessToken());
        Caller student = AnotherService.caller(sara.accessToken());
        Caller observer = AnotherService.caller(layla.accessToken());

        assertThat(teacher.id()).isEqualTo(mina.id());
        assertThat(teacher.roles()).containsExactly("teacher");
        assertThat(teacher.displayName()).isEqualTo("Mina Park");
        assertThat(teacher.zone()).isEqualTo("Asia/Seoul");
        assertThat(teacher.students()).containsExactly(sara.id());
        assertThat(student.teachers()).containsExactlyInAnyOrder(mina.id(), jonas.id());
        assertThat(observer.observes()).containsExactly(sara.id());
        assertThat(observer.mayFollow(sara.id())).isTrue();
        assertThat(observer.mayFollow(omar.id())).isFalse();

        JsonWebToken token = AnotherService.verify(mina.accessToken());
        assertThat(token.getIssuer()).isEqualTo("https://muse.academy");
        assertThat(token.<Object>getClaim("token_use").toString()).contains("access");
        assertThat(token.<Object>getClaim("locale").toString()).contains("ko-KR");
        assertThat(token.getExpirationTime() - token.getIssuedAtTime()).isBetween(60L, 600L);
        assertThat(header(mina.accessToken())).contains("\"kid\":\"muse-user\"").contains("\"alg\":\"RS256\"");
    }

    @Test
    void aTamperedTokenIsRefusedHereAndElsewhere() {
        String[] parts = mina.accessToken().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"teacher\"", "\"admin\"");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        given().auth().oauth2(tampered).when().get("/api/accounts").then().statusCode(401)
                .contentType("application/problem+json");
        assertThatThrownBy(() -> AnotherService.verify(tampered)).isInstanceOf(ParseException.class);
    }

    @Test
    void expiredAndMissingTokensAreRefusedWithProblemJson() {
        given().auth().oauth2(TestTokens.expiredUser(mina.id(), "teacher")).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/me").then().statusCode(401).contentType("application/problem+json");
        given().when().get("/api/me/relations").then().statusCode(401);
        given().when().get("/api/accounts/" + mina.id()).then().statusCode(401);
    }

    @Test
    void aServiceTokenIsNoUsersToken() {
        // No service calls the gateway, so it trusts no service key at all.
        given().auth().oauth2(TestTokens.service("scheduling")).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.service("gateway")).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void aRoomTicketIsNoUsersToken() {
        given().auth().oauth2(TestTokens.roomTicket("k7m-2qd-x9a-4hb", mina.id(), "host", "Mina")).when().get("/api/me")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void onlyTheAdminListsAccounts() {
        admin.asThem().when().get("/api/accounts?size=200").then().statusCode(200)
                .body("id", hasItems(mina.id(), layla.id()));
        mina.asThem().when().get("/api/accounts").then().statusCode(403);
        admin.asThem().when().get("/api/accounts?size=100000").then().statusCode(400);
    }

    private static String header(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8);
    }
}
