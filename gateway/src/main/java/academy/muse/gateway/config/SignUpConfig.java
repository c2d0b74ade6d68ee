package academy.muse.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may sign up as a teacher. The admin console's choice, once made, is stored and wins over this default. */
@ConfigMapping(prefix = "muse.signup")
public interface SignUpConfig {

    /**
     * The teacher sign-up policy until the admin sets one: {@code open} (anyone may sign up as a teacher),
     * {@code verified-email} (anyone may, but creates lessons only once their address is confirmed) or
     * {@code admin-invitation} (only through an invitation link the admin made).
     */
    @WithDefault("open")
    TeacherSignUp teacherPolicy();
}
