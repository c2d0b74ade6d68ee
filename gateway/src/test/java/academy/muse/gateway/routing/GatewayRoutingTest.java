package academy.muse.gateway.routing;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketConnectOptions;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
@WithTestResource(StubServiceResource.class)
class GatewayRoutingTest {

    @TestHTTPResource("/")
    URI gateway;

    @Test
    void forwardsApiCallsToTheServiceWithoutThePublicPrefix() {
        given().when().get("/api/scheduling/lessons?from=2026-12-01")
                .then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("uri", equalTo("/lessons?from=2026-12-01"))
                .body("forwardedPrefix", equalTo("/api/scheduling"))
                .body("forwardedHost", containsString("localhost"));
    }

    @Test
    void streamsRequestBodiesToTheService() {
        byte[] chunk = new byte[3 * 1024 * 1024];
        given().contentType("application/offset+octet-stream").body(chunk)
                .when().patch("/api/recordings/uploads/abc")
                .then().statusCode(200)
                .body("method", equalTo("PATCH"))
                .body("uri", equalTo("/uploads/abc"))
                .body("bodyBytes", equalTo(chunk.length));
    }

    @Test
    void forwardsMediaAndKeepsItsPath() {
        given().when().get("/media/asset-1/master.m3u8")
                .then().statusCode(200)
                .body("uri", equalTo("/media/asset-1/master.m3u8"));
    }

    @Test
    void answersProblemJson503WhenAServiceIsDown() {
        given().when().get("/api/rooms/abc")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("https://muse.academy/problems/service-unavailable"))
                .body("detail", containsString("rooms"));
    }

    @Test
    void forwardsWebSocketUpgradesToSignaling() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CompletableFuture<String> reply = new CompletableFuture<>();
            vertx.createHttpClient().webSocket(new WebSocketConnectOptions()
                            .setHost(gateway.getHost()).setPort(gateway.getPort()).setURI("/ws/rooms/ABC-DEF"))
                    .onFailure(reply::completeExceptionally)
                    .onSuccess(socket -> {
                        socket.textMessageHandler(reply::complete);
                        socket.writeTextMessage("hello");
                    });
            assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo("echo:hello");
        } finally {
            vertx.close();
        }
    }
}
