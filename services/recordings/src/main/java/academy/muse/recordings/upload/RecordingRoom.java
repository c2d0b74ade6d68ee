package academy.muse.recordings.upload;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A room as the upload rules see it: who may upload its tracks in which role, who owns the recording, and whether
 * it still takes tracks.
 *
 * @param roles      each participant's role ({@code host}, {@code participant}, …) by account id
 * @param closedAt   null while the room is open
 * @param finalised  whether its tracks were published already
 */
public record RecordingRoom(String code, String lessonOccurrenceId, Map<String, String> roles, List<String> accountIds,
                            Optional<String> hostId, Instant closedAt, boolean finalised) {

    public Optional<String> roleOf(String accountId) {
        return Optional.ofNullable(roles.get(accountId));
    }
}
