package academy.muse.rooms.turn;

import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import academy.muse.rooms.ticket.IceServer;
import academy.muse.rooms.ticket.TurnCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static academy.muse.rooms.support.RoomFixtures.newId;
import static academy.muse.rooms.support.RoomFixtures.openLessonRoom;
import static academy.muse.rooms.support.RoomFixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The TURN credentials rooms mints, against a real coturn configured from turn/ and its real client
 * turnutils_uclient; all traffic stays on loopback.
 */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class TurnRelayTest {

    private static final Path SECRET = TestKeys.directory().resolve("turn-secret");
    private static final String ALLOWED_PEER = "127.0.0.1";
    private static final String DENIED_PEER = "127.0.0.2";

    private static Coturn coturn;
    private static Process peer;
    private static int peerPort;

    @Inject
    TurnCredentials credentials;

    @BeforeAll
    static void startCoturnAndAnEchoPeer() throws Exception {
        assumeTrue(Coturn.installed(), "coturn is not installed (apt-get install coturn; CI installs it)");
        coturn = Coturn.start(SECRET);
        peerPort = Coturn.freePort();
        peer = Coturn.echoPeer(peerPort);
    }

    @AfterAll
    static void stopThem() throws InterruptedException {
        if (peer != null) {
            peer.destroy();
        }
        if (coturn != null) {
            coturn.close();
        }
    }

    private static IceServer turnFromATicket() {
        String teacher = newId("teacher");
        String code = openLessonRoom(teacher, newId("student"), newId("observer"));
        JsonPath answer = ticket(TestTokens.teacher(teacher), code).statusCode(200).extract().jsonPath();
        return new IceServer(answer.getList("iceServers[0].urls", String.class),
                answer.getString("iceServers[0].username"), answer.getString("iceServers[0].credential"));
    }

    private static int lastCount(String output, String name) {
        Matcher matcher = Pattern.compile(name + "=(\\d+)").matcher(output);
        int count = -1;
        while (matcher.find()) {
            count = Integer.parseInt(matcher.group(1));
        }
        return count;
    }

    @Test
    void credentialsFromARoomTicketAllocateARelayThatCarriesTraffic() throws Exception {
        IceServer turn = turnFromATicket();

        Coturn.Result result = coturn.allocateAndSend(turn.username(), turn.credential(), ALLOWED_PEER, peerPort);

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Received relay addr: 127.0.0.1:");
        assertThat(lastCount(result.output(), "tot_recv_msgs")).as(result.output()).isPositive();
        String secret = Files.readString(SECRET).trim();
        assertThat(coturn.log()).doesNotContain(secret).doesNotContain(turn.credential());
    }

    @Test
    void expiredCredentialsAreRefusedAsUnauthorized() throws Exception {
        IceServer expired = credentials.iceServers(newId("student"), Instant.now().minusSeconds(60)).get(0);

        Coturn.Result result = coturn.allocateAndSend(expired.username(), expired.credential(), ALLOWED_PEER, peerPort);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).doesNotContain("Received relay addr");
        assertThat(coturn.log()).contains("user <" + expired.username() + ">: incoming packet message processed, error 401");
    }

    @Test
    void credentialsSignedWithAnotherSecretAreRefusedAsUnauthorized() throws Exception {
        String username = Instant.now().plusSeconds(3600).getEpochSecond() + ":" + newId("intruder");

        Coturn.Result result = coturn.allocateAndSend(username, TurnCredentials.password("guessed", username),
                ALLOWED_PEER, peerPort);

        assertThat(result.exitCode()).isNotZero();
        assertThat(coturn.log()).contains("user <" + username + ">: incoming packet message processed, error 401");
    }

    @Test
    void aRelayTowardsADeniedPrivateAddressIsForbidden() throws Exception {
        IceServer turn = turnFromATicket();

        Coturn.Result result = coturn.allocateAndSend(turn.username(), turn.credential(), DENIED_PEER, peerPort);

        assertThat(result.output()).contains("Received relay addr").contains("403 (Forbidden IP)");
        assertThat(lastCount(result.output(), "tot_recv_msgs")).isNotPositive();
    }
}
