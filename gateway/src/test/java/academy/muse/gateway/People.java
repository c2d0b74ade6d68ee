package academy.muse.gateway;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/**
 * Real people for the tests, made through the public API only: teachers sign up, invite, and their
 * students and observers sign up through the links. Each person has a fresh email, and each call comes
 * from its own made-up client address, so that one test's failed logins never throttle another's.
 */
public final class People {

    public static final String PASSWORD = "violin lessons on tuesday";
    public static final String REFRESH_COOKIE = "muse_refresh";

    private People() {
    }

    /** A signed-in person: their account id and email, their access token and their refresh cookie. */
    public record Person(String id, String email, String accessToken, String refreshToken) {

        public RequestSpecification asThem() {
            return given().auth().oauth2(accessToken);
        }
    }

    public static String uniqueEmail(String who) {
        return who + "-" + UUID.randomUUID() + "@muse.test";
    }

    /** A made-up client address (TEST-NET-2), sent as X-Forwarded-For like the ingress in front of the gateway would. */
    public static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    public static RequestSpecification fromSomewhere() {
        return given().header("X-Forwarded-For", someAddress());
    }

    public static Map<String, Object> signUpBody(String name, String invitation) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", uniqueEmail(name.toLowerCase().replace(' ', '-')));
        body.put("password", PASSWORD);
        body.put("displayName", name);
        body.put("zone", "Asia/Seoul");
        body.put("locale", "ko-KR");
        if (invitation != null) {
            body.put("invitation", invitation);
        }
        return body;
    }

    public static Response signUp(Map<String, Object> body) {
        return fromSomewhere().contentType(ContentType.JSON).body(body).when().post("/api/auth/signup");
    }

    public static Person teacher(String name) {
        return signedUp(signUpBody(name, null));
    }

    /** A teacher who speaks {@code locale} and lives in {@code zone} (the others are Korean, in Seoul). */
    public static Person teacher(String name, String locale, String zone) {
        Map<String, Object> body = signUpBody(name, null);
        body.put("locale", locale);
        body.put("zone", zone);
        return signedUp(body);
    }

    public static Person student(Person teacher, String name) {
        return signedUp(signUpBody(name, invite(teacher, "student", null)));
    }

    public static Person observer(Person teacher, Person student, String name) {
        return signedUp(signUpBody(name, invite(teacher, "observer", student.id())));
    }

    /** Signs up (202, as every sign-up is answered) and then signs in, as the web app does. */
    public static Person signedUp(Map<String, Object> body) {
        signUp(body).then().statusCode(202);
        return loggedIn((String) body.get("email"), (String) body.get("password"));
    }

    /** Creates an invitation and returns its token. */
    public static String invite(Person teacher, String role, String studentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", role);
        if (studentId != null) {
            body.put("studentId", studentId);
        }
        return teacher.asThem().contentType(ContentType.JSON).body(body)
                .when().post("/api/auth/invitations")
                .then().statusCode(201).body("role", equalTo(role))
                .extract().path("token");
    }

    public static Response login(String email, String password, String address) {
        return given().header("X-Forwarded-For", address).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", password))
                .when().post("/api/auth/login");
    }

    public static Person loggedIn(String email, String password) {
        Response response = login(email, password, someAddress()).then().statusCode(200).extract().response();
        return new Person(response.path("account.id"), email, response.path("accessToken"),
                response.getCookie(REFRESH_COOKIE));
    }

    public static Response refresh(String refreshToken) {
        return given().cookie(REFRESH_COOKIE, refreshToken).when().post("/api/auth/refresh");
    }

    /** The same person with a freshly refreshed access token (which carries their current relations). */
    public static Person refreshed(Person person) {
        Response response = refresh(person.refreshToken()).then().statusCode(200).extract().response();
        return new Person(person.id(), person.email(), response.path("accessToken"), response.getCookie(REFRESH_COOKIE));
    }
}
