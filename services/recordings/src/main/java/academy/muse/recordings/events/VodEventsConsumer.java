package academy.muse.recordings.events;

import academy.muse.contracts.events.Events;
import academy.muse.contracts.events.VodEvents;
import academy.muse.platform.inbox.Inbox;
import academy.muse.recordings.retention.OriginalsRetention;
import academy.muse.recordings.usage.QuotaLedger;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.time.Clock;
import java.util.List;

/**
 * What vod reports about storage (subscription {@code muse.vod::recordings.muse.vod}): its packages' bytes, which
 * count in their owner's usage, and verified replays, whose lesson's original tracks may then go. Each event is
 * handled once by id; the ledger also counts each package once, so an effect repeated after a crash changes nothing.
 */
@ApplicationScoped
public class VodEventsConsumer {

    private final Inbox inbox;
    private final QuotaLedger ledger;
    private final OriginalsRetention retention;
    private final Clock clock;

    VodEventsConsumer(Inbox inbox, QuotaLedger ledger, OriginalsRetention retention, Clock clock) {
        this.inbox = inbox;
        this.ledger = ledger;
        this.retention = retention;
        this.clock = clock;
    }

    @Incoming("vod-events")
    @Blocking
    public void on(Object delivery) {
        inbox.handleOnce(delivery, List.of(Inbox.on(Events.VOD_MEDIA_STORED, this::stored),
                Inbox.on(Events.VOD_MEDIA_REMOVED, removed -> ledger.mediaRemoved(removed.ownerId(), removed.assetId())),
                Inbox.on(Events.VOD_REPLAY_VERIFIED, this::verified)));
    }

    private void stored(VodEvents.VodMediaStored stored) {
        ledger.mediaStored(stored.ownerId(), stored.assetId(), stored.kind(), Math.max(0, stored.bytes()));
    }

    private void verified(VodEvents.VodReplayVerified verified) {
        if (!verified.keepOriginals()) {
            retention.scheduleRecording(verified.recordingId(), "replay " + verified.assetId() + " verified", clock.instant());
        }
    }
}
