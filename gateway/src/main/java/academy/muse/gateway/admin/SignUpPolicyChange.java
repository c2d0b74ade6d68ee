package academy.muse.gateway.admin;

import academy.muse.gateway.config.TeacherSignUp;
import jakarta.validation.constraints.NotNull;

/** {@code PUT /api/admin/signup-policy}: {@code {"teacherSignUp": "open" | "verified-email" | "admin-invitation"}}. */
public record SignUpPolicyChange(@NotNull TeacherSignUp teacherSignUp) {
}
