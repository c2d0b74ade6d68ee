package academy.muse.platform.outbox;

import java.time.Instant;

/** One stored event waiting to be relayed (or already relayed). */
public record OutboxEntry(String eventId, String address, String type, String subject, String cloudEventJson,
                          Instant createdAt) {
}
