package academy.muse.gateway.admin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** {@code PUT /api/admin/accounts/{id}/role}. */
public record RoleChange(
        @NotNull @Pattern(regexp = "teacher|student|observer|admin", message = "must be teacher, student, observer or admin")
        String role) {
}
