package academy.muse.platform.security;

/**
 * The roles in access tokens ({@code groups}). {@link #SERVICE} is only ever in service tokens; {@link #USER}
 * is given to every verified user access token ({@link UserRoleAugmentor}), never taken from its claims.
 */
public final class Roles {

    public static final String TEACHER = "teacher";
    public static final String STUDENT = "student";
    public static final String OBSERVER = "observer";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";
    public static final String USER = "user";

    private Roles() {
    }
}
