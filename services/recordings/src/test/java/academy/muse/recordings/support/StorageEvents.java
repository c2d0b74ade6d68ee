package academy.muse.recordings.support;

import academy.muse.contracts.events.AccountEvents;
import academy.muse.contracts.events.EventType;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.VodEvents;
import academy.muse.platform.inbox.Inbox;
import academy.muse.platform.outbox.EventPublisher;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * Reports storage the way vod and the gateway do, by publishing their events through the broker, and waits until
 * recordings has handled each one.
 */
@ApplicationScoped
public class StorageEvents {

    private final EventPublisher publisher;
    private final Inbox inbox;

    StorageEvents(EventPublisher publisher, Inbox inbox) {
        this.publisher = publisher;
        this.inbox = inbox;
    }

    public void stored(String ownerId, String assetId, String kind, long bytes) {
        deliver(Events.VOD_MEDIA_STORED, ownerId, new VodEvents.VodMediaStored(assetId, ownerId, kind, bytes));
    }

    public void removed(String ownerId, String assetId, String kind, long bytes) {
        deliver(Events.VOD_MEDIA_REMOVED, ownerId, new VodEvents.VodMediaRemoved(assetId, ownerId, kind, bytes));
    }

    public void replayVerified(String roomCode, String ownerId, boolean keepOriginals) {
        deliver(Events.VOD_REPLAY_VERIFIED, ownerId,
                new VodEvents.VodReplayVerified("asset-" + roomCode, "room-" + roomCode, ownerId, keepOriginals));
    }

    public void accountDeleted(String accountId, String role) {
        deliver(Events.ACCOUNT_DELETED, accountId, new AccountEvents.AccountDeleted(accountId, List.of(role)));
    }

    private <T> void deliver(EventType<T> type, String subject, T data) {
        String eventId = publisher.publish(type, subject, data);
        await().atMost(Duration.ofSeconds(20)).until(() -> inbox.alreadyHandled(eventId));
    }
}
