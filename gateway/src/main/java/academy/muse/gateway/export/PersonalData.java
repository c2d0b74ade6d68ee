package academy.muse.gateway.export;

import academy.muse.gateway.account.AccountView;
import academy.muse.gateway.account.RelationsView;
import academy.muse.gateway.invitation.InvitationSummary;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/me/export}: everything the academy holds about a person and can show them, in one document.
 *
 * @param lessons     their lessons as scheduling gives them (past and booked, cancelled ones included)
 * @param media       their replays and preview videos as vod gives them, each with links to play it
 * @param invitations the invitations they made, and the one they joined through
 */
public record PersonalData(int version, Instant exportedAt, AccountView account, RelationsView relations,
                           List<InvitationSummary> invitations, List<JsonNode> lessons, List<Media> media) {

    /**
     * One replay or preview.
     *
     * @param playback signed URLs (HLS, DASH, poster, each participant's track) that work for a limited time, or null
     *                 while it is still being packaged or failed
     */
    public record Media(JsonNode asset, JsonNode playback) {
    }
}
