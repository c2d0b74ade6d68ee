package academy.muse.signaling;

import academy.muse.contracts.events.Events;
import academy.muse.devstack.testing.BrokerTestResource;
import academy.muse.devstack.testing.KeysTestResource;
import academy.muse.devstack.testing.MongoTestResource;
import academy.muse.devstack.testing.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.amqp.AmqpClient;
import io.vertx.amqp.AmqpClientOptions;
import io.vertx.amqp.AmqpReceiverOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Rooms and scheduling learn who attended from participant events on the broker. */
@QuarkusTest
@WithTestResource(MongoTestResource.class)
@WithTestResource(BrokerTestResource.class)
@WithTestResource(KeysTestResource.class)
class AttendanceEventsTest extends PeerFixture {

    private AmqpClient broker;
    private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void listenToParticipantEvents() throws Exception {
        broker = AmqpClient.create(vertx, new AmqpClientOptions().setHost("127.0.0.1").setPort(BrokerTestResource.port()));
        broker.connect()
                .compose(connection -> connection.createReceiver(Events.PARTICIPANT_JOINED.address(),
                        new AmqpReceiverOptions().setDurable(false).addCapability("topic")))
                .map(receiver -> receiver.handler(message -> events.add(new JsonObject(message.bodyAsString()))))
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopListening() {
        broker.close();
    }

    @Test
    void aReconnectIsPublishedAsTheNewConnectionJoiningAndTheLeftNamesThatConnection() throws InterruptedException {
        String room = newRoom();
        TestPeer firstTab = join(room, "student-att", "participant");
        JsonObject joined = nextEvent(room);
        assertThat(joined.getString("type")).isEqualTo(Events.PARTICIPANT_JOINED.type());
        assertThat(joined.getJsonObject("data").getString("accountId")).isEqualTo("student-att");
        assertThat(joined.getJsonObject("data").getString("role")).isEqualTo("participant");

        TestPeer secondTab = TestPeer.join(vertx, server, room,
                TestTokens.roomTicket(room, "student-att", "participant", "Sara"));
        assertThat(firstTab.closeCode()).isEqualTo(4000);
        secondTab.close();

        // Events leave one writer in order: the reconnect's "joined", then its "left"; no "left" for the first tab,
        // which rooms counts as replaced by the second.
        JsonObject rejoined = nextEvent(room);
        assertThat(rejoined.getString("type")).isEqualTo(Events.PARTICIPANT_JOINED.type());
        String secondConnection = rejoined.getJsonObject("data").getString("connectionId");
        assertThat(secondConnection).isNotEqualTo(joined.getJsonObject("data").getString("connectionId"));
        JsonObject left = nextEvent(room);
        assertThat(left.getString("type")).isEqualTo(Events.PARTICIPANT_LEFT.type());
        assertThat(left.getJsonObject("data").getString("connectionId")).isEqualTo(secondConnection);
    }

    private JsonObject nextEvent(String room) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            JsonObject event = events.poll(500, TimeUnit.MILLISECONDS);
            if (event != null && room.equals(event.getString("subject"))) {
                return event;
            }
        }
        throw new AssertionError("No participant event for room " + room);
    }
}
