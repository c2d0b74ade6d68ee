package academy.muse.gateway.invitation;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * What the sign-up page shows before anyone has an account: who invites, as what.
 *
 * @param studentDisplayName for an observer invitation: the student they will watch
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InvitationPreview(String teacherDisplayName, String role, String studentDisplayName, Instant expiresAt) {
}
