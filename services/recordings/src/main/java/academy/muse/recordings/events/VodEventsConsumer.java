package academy.muse.recordings.events;

import academy.muse.contracts.events.CloudEvent;
import academy.muse.contracts.events.CloudEvents;
import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.VodEvents;
import academy.muse.contracts.inbox.Inbox;
import academy.muse.recordings.retention.OriginalsRetention;
import academy.muse.recordings.usage.QuotaLedger;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Instant;

/**
 * What vod reports about storage (subscription {@code muse.vod::recordings.muse.vod}): its packages' bytes, which
 * count in their owner's usage, and verified replays, whose lesson's original tracks may then go. Each event is
 * handled once by id; the ledger also counts each package once, so an effect repeated after a crash changes nothing.
 */
@ApplicationScoped
public class VodEventsConsumer {

    private final CloudEvents cloudEvents;
    private final Inbox inbox;
    private final QuotaLedger ledger;
    private final OriginalsRetention retention;

    VodEventsConsumer(CloudEvents cloudEvents, Inbox inbox, QuotaLedger ledger, OriginalsRetention retention) {
        this.cloudEvents = cloudEvents;
        this.inbox = inbox;
        this.ledger = ledger;
        this.retention = retention;
    }

    @Incoming("vod-events")
    @Blocking
    public void on(Object body) {
        CloudEvent event = cloudEvents.parse(body);
        inbox.handleOnce(event, Events.VOD_MEDIA_STORED, this::stored);
        inbox.handleOnce(event, Events.VOD_MEDIA_REMOVED, removed -> ledger.mediaRemoved(removed.ownerId(), removed.assetId()));
        inbox.handleOnce(event, Events.VOD_REPLAY_VERIFIED, this::verified);
    }

    private void stored(VodEvents.VodMediaStored stored) {
        ledger.mediaStored(stored.ownerId(), stored.assetId(), stored.kind(), Math.max(0, stored.bytes()));
    }

    private void verified(VodEvents.VodReplayVerified verified) {
        if (!verified.keepOriginals()) {
            retention.scheduleRecording(verified.recordingId(), "replay " + verified.assetId() + " verified", Instant.now());
        }
    }
}
