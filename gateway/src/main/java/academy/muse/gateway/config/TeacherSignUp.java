package academy.muse.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a teacher may sign up (students and observers always sign up through a teacher's invitation). */
public enum TeacherSignUp {
    /** Anyone may sign up as a teacher. */
    OPEN,
    /** Only through an invitation link the admin made for a teacher. */
    ADMIN_INVITATION,
    /** Anyone may sign up as a teacher, but creates lessons only once the mailed link confirmed their address. */
    VERIFIED_EMAIL;

    /** The spelling in JSON, in config and in the store. */
    @JsonValue
    public String wire() {
        return switch (this) {
            case OPEN -> "open";
            case ADMIN_INVITATION -> "admin-invitation";
            case VERIFIED_EMAIL -> "verified-email";
        };
    }

    @JsonCreator
    public static TeacherSignUp fromWire(String wire) {
        for (TeacherSignUp policy : values()) {
            if (policy.wire().equals(wire)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unknown teacher sign-up policy " + wire);
    }
}
