package academy.muse.rooms.room;

import java.time.Instant;

/**
 * What the room knows about who is there, from signaling's participant events.
 *
 * @param someoneCame  at least one participant joined at some point
 * @param nobodyThere  no signaling connection is in the room now
 * @param emptySince   when the last connection left (null while someone is there)
 * @param closedAt     when the room was closed, null while it is not
 */
public record Presence(boolean someoneCame, boolean nobodyThere, Instant emptySince, Instant closedAt) {

    public static final Presence NOBODY_YET = new Presence(false, true, null, null);

    boolean everyoneLeft() {
        return someoneCame && nobodyThere && emptySince != null;
    }
}
