package academy.muse.contracts.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Helpers for the ids events derive from what causes them (so that publishing twice stores one event). Each event
 * type spells its own id once, as an {@code eventId} factory on its record; this only holds what several share.
 */
final class EventIds {

    private EventIds() {
    }

    /** A name-based UUID of {@code name}: the same name always gives the same id. */
    static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
