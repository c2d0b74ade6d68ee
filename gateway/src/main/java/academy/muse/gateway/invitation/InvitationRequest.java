package academy.muse.gateway.invitation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/invitations}.
 *
 * @param role      whom the teacher invites: {@code student} or {@code observer}
 * @param studentId for an observer: which of the teacher's students they will watch
 */
public record InvitationRequest(
        @NotNull @Pattern(regexp = "student|observer", message = "must be student or observer") String role,
        @Size(max = 64) String studentId) {
}
