package academy.muse.rooms.room;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a room may be joined: from {@code opensAt} (start minus lead time) until {@code closesAt} (end plus
 * grace), or until it has been empty for a while after someone was there. Plain logic, given "now", so
 * that every rule is testable without waiting.
 */
public record JoinWindow(Instant opensAt, Instant startsAt, Instant endsAt, Instant closesAt) {

    public static final String SCHEDULED = "scheduled";
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public static final String REASON_ENDED = "ended";
    public static final String REASON_EMPTY = "empty";

    public static JoinWindow of(Instant startsAt, Instant endsAt, Duration leadTime, Duration grace) {
        return new JoinWindow(startsAt.minus(leadTime), startsAt, endsAt, endsAt.plus(grace));
    }

    /** When and why the room closes, if that moment has come; the moment follows from the room's state only. */
    public Optional<Closing> closing(Instant now, Presence presence, Duration emptyCloseAfter) {
        Closing due = new Closing(closesAt, REASON_ENDED);
        if (presence.everyoneLeft()) {
            // Counted from the start at the earliest: leaving after a sound check must not close the room.
            Instant emptyFrom = presence.emptySince().isAfter(startsAt) ? presence.emptySince() : startsAt;
            Instant emptyDeadline = emptyFrom.plus(emptyCloseAfter);
            if (emptyDeadline.isBefore(closesAt)) {
                due = new Closing(emptyDeadline, REASON_EMPTY);
            }
        }
        return now.isBefore(due.at()) ? Optional.empty() : Optional.of(due);
    }

    public String state(Instant now, Presence presence, Duration emptyCloseAfter) {
        if (presence.closedAt() != null || closing(now, presence, emptyCloseAfter).isPresent()) {
            return CLOSED;
        }
        return now.isBefore(opensAt) ? SCHEDULED : OPEN;
    }

    public record Closing(Instant at, String reason) {
    }
}
