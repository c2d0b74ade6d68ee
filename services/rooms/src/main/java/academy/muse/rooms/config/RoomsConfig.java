package academy.muse.rooms.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** When rooms open and close, and how long what rooms hand out stays valid. */
@ConfigMapping(prefix = "muse.rooms")
public interface RoomsConfig {

    /** How long before a lesson starts its room opens, so that people can check camera and sound. */
    @WithDefault("10m")
    Duration leadTime();

    /** How long after a lesson's end its room stays open, because lessons run over. */
    @WithDefault("15m")
    Duration grace();

    /** How much longer one "extend" by the teacher keeps the room open, when a lesson runs over. */
    @WithDefault("15m")
    Duration extensionStep();

    /**
     * The most a room may be extended beyond the lesson's booked end (on top of the grace); asking for more is
     * refused. TURN credentials are made to last this long too, so that an extended call keeps its relay.
     */
    @WithDefault("60m")
    Duration maxExtension();

    /**
     * A room closes early when it has been empty this long after someone was there (counted from the
     * lesson's start at the earliest, so that testing one's camera early does not close the room).
     */
    @WithDefault("10m")
    Duration emptyCloseAfter();

    /** How often the closer looks for rooms to close ({@code off} disables it, as the tests do). */
    @WithDefault("30s")
    String closeEvery();

    /** How long an instant room lasts when the teacher does not say. */
    @WithDefault("60m")
    Duration instantDuration();

    /** The longest instant room a teacher may ask for. */
    @WithDefault("4h")
    Duration instantMaxDuration();

    /** How long a room ticket is valid: just long enough to open the signaling connection. */
    @WithDefault("60s")
    Duration ticketLifetime();
}
