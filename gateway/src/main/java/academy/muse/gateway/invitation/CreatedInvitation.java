package academy.muse.gateway.invitation;

import java.time.Instant;

/** The invitation as the teacher gets it: the token only this once, and the link to send. */
public record CreatedInvitation(String token, String link, String role, String studentId, Instant expiresAt) {
}
