package academy.muse.gateway.account;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.platform.security.Caller;
import academy.muse.gateway.AnotherService;
import academy.muse.gateway.GatewayEvents;
import academy.muse.gateway.People;
import academy.muse.gateway.People.Person;
import com.mongodb.client.MongoClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class ProfileTest {

    @Inject
    MongoClient mongo;

    @Test
    void aPersonChangesTheirNameZoneAndLanguage() throws Exception {
        Person student = People.student(People.teacher("Mina Park"), "Sara Haddad");
        student.asThem().contentType(ContentType.JSON)
                .body(Map.of("displayName", " Sara H. ", "zone", "Asia/Dubai", "locale", "ar-AE"))
                .when().patch("/api/me")
                .then().statusCode(200)
                .body("displayName", equalTo("Sara H."))
                .body("zone", equalTo("Asia/Dubai"))
                .body("locale", equalTo("ar-AE"));

        Document updated = GatewayEvents.data(GatewayEvents.sent(mongo, "academy.muse.account.updated.v1", student.id()).get(0));
        assertThat(updated.getString("zone")).isEqualTo("Asia/Dubai");
        Caller afterRefresh = AnotherService.caller(People.refreshed(student).accessToken());
        assertThat(afterRefresh.displayName()).isEqualTo("Sara H.");
        assertThat(afterRefresh.zone()).isEqualTo("Asia/Dubai");
    }

    @Test
    void fieldsLeftOutStayAsTheyWere() {
        Person teacher = People.teacher("Mina Park");
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("zone", "Europe/Berlin"))
                .when().patch("/api/me")
                .then().statusCode(200)
                .body("displayName", equalTo("Mina Park"))
                .body("zone", equalTo("Europe/Berlin"))
                .body("locale", equalTo("ko-KR"));
    }

    @Test
    void anInvalidChangeIsRefusedAndChangesNothing() {
        Person teacher = People.teacher("Mina Park");
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("displayName", "Mina", "zone", "Asia/Atlantis"))
                .when().patch("/api/me")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("zone"));
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("email", "new@muse.test"))
                .when().patch("/api/me")
                .then().statusCode(400)
                .body("type", equalTo("https://muse.academy/problems/unknown-field"));
        teacher.asThem().contentType(ContentType.JSON).body(Map.of("displayName", "M".repeat(81)))
                .when().patch("/api/me")
                .then().statusCode(400);

        teacher.asThem().when().get("/api/me").then().statusCode(200)
                .body("displayName", equalTo("Mina Park"))
                .body("zone", equalTo("Asia/Seoul"));
    }
}
