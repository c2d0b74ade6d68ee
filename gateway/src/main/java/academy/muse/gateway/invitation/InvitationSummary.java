package academy.muse.gateway.invitation;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * An invitation as the admin console lists it. The id is the hash the invitation is stored under, not the token:
 * it names the invitation for revoking but cannot be used as a link.
 */
public record InvitationSummary(String id, String invitedBy, String invitedByName, String role, String studentId, InvitationState state,
                                Instant createdAt, Instant expiresAt, Instant usedAt, String usedBy, Instant revokedAt) {

    /** Where an invitation stands; the order of checks matches {@link Invitations#usable(String)}. */
    public enum InvitationState {
        @JsonProperty("pending") PENDING,
        @JsonProperty("used") USED,
        @JsonProperty("expired") EXPIRED,
        @JsonProperty("revoked") REVOKED;

        static InvitationState of(Invitation invitation, Instant now) {
            if (invitation.revokedAt != null) {
                return REVOKED;
            }
            if (invitation.usedAt != null) {
                return USED;
            }
            return invitation.expiresAt.isAfter(now) ? PENDING : EXPIRED;
        }
    }

    static InvitationSummary of(Invitation invitation, String inviterName, Instant now) {
        return new InvitationSummary(invitation.id, invitation.teacherId, inviterName, invitation.role, invitation.studentId,
                InvitationState.of(invitation, now), invitation.createdAt, invitation.expiresAt, invitation.usedAt,
                invitation.usedBy, invitation.revokedAt);
    }
}
