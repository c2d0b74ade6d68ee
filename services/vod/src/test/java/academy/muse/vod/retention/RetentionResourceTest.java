package academy.muse.vod.retention;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** A teacher reads the retention that applies to them and sets their own; nonsense is refused and changes nothing. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class RetentionResourceTest {

    private static String teacher(String id) {
        return TestTokens.teacher(id);
    }

    @Test
    void aTeacherWithoutAPolicyOfTheirOwnSeesTheOperatorsDefaults() {
        given().auth().oauth2(teacher("teacher-defaults")).get("/retention").then().statusCode(200)
                .body("keepOriginals", equalTo(false)).body("replaysMonths", nullValue()).body("previewsMonths", nullValue());
    }

    @Test
    void aTeacherSetsTheirOwnRetention() {
        String bearer = teacher("teacher-sets-" + System.nanoTime());
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"keepOriginals\":true,\"replaysMonths\":12,\"previewsMonths\":null}")
                .put("/retention").then().statusCode(200).body("replaysMonths", equalTo(12));
        given().auth().oauth2(bearer).get("/retention").then().statusCode(200)
                .body("keepOriginals", equalTo(true)).body("replaysMonths", equalTo(12)).body("previewsMonths", nullValue());
    }

    @Test
    void invalidRetentionIsRefusedAsAProblemAndTheSavedPolicyStays() {
        String bearer = teacher("teacher-invalid-" + System.nanoTime());
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"keepOriginals\":false,\"replaysMonths\":6,\"previewsMonths\":3}").put("/retention")
                .then().statusCode(200);
        for (String invalid : new String[]{
                "{\"keepOriginals\":false,\"replaysMonths\":0,\"previewsMonths\":null}",
                "{\"keepOriginals\":false,\"replaysMonths\":null,\"previewsMonths\":1201}",
                "{\"replaysMonths\":3,\"previewsMonths\":3}"}) {
            given().auth().oauth2(bearer).contentType(ContentType.JSON).body(invalid).put("/retention")
                    .then().statusCode(400).contentType("application/problem+json").body("type", containsString("validation"));
        }
        given().auth().oauth2(bearer).contentType(ContentType.JSON)
                .body("{\"keepOriginals\":false,\"replaysMonths\":\"soon\",\"previewsMonths\":null}").put("/retention")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(bearer).get("/retention").then().statusCode(200)
                .body("replaysMonths", equalTo(6)).body("previewsMonths", equalTo(3));
    }

    @Test
    void onlyTeachersHaveARetentionPolicy() {
        given().auth().oauth2(TestTokens.student("student-curious", "teacher-x")).get("/retention").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/retention").then().statusCode(401);
    }
}
