package academy.muse.gateway.invitation;

import java.time.Instant;

/**
 * The invitation as the teacher gets it: the token only this once, and the link to send (or copy, also when it
 * was mailed).
 *
 * @param emailedTo the address the link is being mailed to, or null when the teacher gave none
 */
public record CreatedInvitation(String token, String link, String role, String studentId, Instant expiresAt,
                                String emailedTo) {
}
