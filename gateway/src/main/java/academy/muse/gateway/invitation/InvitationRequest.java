package academy.muse.gateway.invitation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/invitations}.
 *
 * @param role      whom the teacher invites: {@code student} or {@code observer}
 * @param studentId for an observer: which of the teacher's students they will watch
 * @param email     optional: the invitee's address; the link is then also mailed there (in the teacher's language)
 */
public record InvitationRequest(
        @NotNull @Pattern(regexp = "student|observer", message = "must be student or observer") String role,
        @Size(max = 64) String studentId,
        @Email @Size(min = 3, max = 254) String email) {
}
