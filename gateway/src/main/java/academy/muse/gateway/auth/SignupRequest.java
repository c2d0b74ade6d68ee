package academy.muse.gateway.auth;

import academy.muse.gateway.account.DisplayName;
import academy.muse.gateway.account.IanaZone;
import academy.muse.gateway.account.LanguageTag;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/auth/signup}: without an invitation a teacher signs up; with one, a student or an
 * observer, linked to the inviting teacher. The password rules are checked separately (422 weak-password).
 *
 * @param locale     optional, {@code en} when absent
 * @param invitation the token from the invitation link, if any
 */
public record SignupRequest(
        @NotBlank @Email @Size(max = 254) String email,
        @NotNull String password,
        @NotNull @DisplayName String displayName,
        @NotNull @IanaZone String zone,
        @LanguageTag String locale,
        @Size(max = 128) String invitation) {

    @Override
    public String toString() {
        return "SignupRequest[email=" + email + ", displayName=" + displayName + ", zone=" + zone + "]";
    }
}
