package academy.muse.gateway.auth;

import academy.muse.gateway.config.TeacherSignUp;
import academy.muse.gateway.config.SignUpConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The teacher sign-up policy: the one stored by the admin console, else the configured default. Read from the
 * store on every sign-up, so a change applies at once on every replica.
 */
@ApplicationScoped
public class SignUpPolicy {

    static final String TEACHER_SIGN_UP = "teacher-sign-up";

    private final SignUpConfig config;
    private final Clock clock;

    SignUpPolicy(SignUpConfig config, Clock clock) {
        this.clock = clock;
        this.config = config;
    }

    /** The policy in force, where it comes from, and who set it last. */
    public record View(TeacherSignUp teacherSignUp, boolean configuredDefault, TeacherSignUp defaultPolicy,
                       Instant updatedAt, String updatedBy) {
    }

    public TeacherSignUp teacherSignUp() {
        return stored().map(setting -> TeacherSignUp.fromWire(setting.value)).orElse(config.teacherPolicy());
    }

    public View view() {
        Optional<OperatorSetting> stored = stored();
        return new View(teacherSignUp(), stored.isEmpty(), config.teacherPolicy(),
                stored.map(setting -> setting.updatedAt).orElse(null),
                stored.map(setting -> setting.updatedBy).orElse(null));
    }

    public void set(TeacherSignUp policy, String adminId) {
        OperatorSetting setting = new OperatorSetting();
        setting.id = TEACHER_SIGN_UP;
        setting.value = policy.wire();
        setting.updatedAt = clock.instant();
        setting.updatedBy = adminId;
        setting.persistOrUpdate();
    }

    private static Optional<OperatorSetting> stored() {
        return OperatorSetting.findByIdOptional(TEACHER_SIGN_UP);
    }
}
