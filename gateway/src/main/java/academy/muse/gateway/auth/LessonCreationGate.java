package academy.muse.gateway.auth;

import academy.muse.contracts.problem.Problem;
import academy.muse.platform.security.Roles;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.config.TeacherSignUp;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;
import java.util.Set;

/**
 * Under the {@code verified-email} policy a teacher creates lessons only once their address is confirmed. The gateway
 * owns both the policy and the address, so it decides at the edge, on the two requests that create lessons
 * ({@code POST /api/scheduling/lessons} and {@code /series}), before they are forwarded: scheduling needs no copy of
 * either. Everything else about the request (a bad token, a student booking) is left for scheduling to answer.
 */
@ApplicationScoped
public class LessonCreationGate {

    private static final Set<String> CREATING_PATHS = Set.of("/api/scheduling/lessons", "/api/scheduling/series");

    private final JWTParser tokens;
    private final SignUpPolicy policy;

    LessonCreationGate(JWTParser tokens, SignUpPolicy policy) {
        this.tokens = tokens;
        this.policy = policy;
    }

    /** Whether a request is one of those that create lessons (cheap: no store, no token). */
    public static boolean createsLessons(String method, String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return "POST".equals(method) && CREATING_PATHS.contains(trimmed);
    }

    /** The problem that refuses the request, or empty when it may go on. Reads the store: call it off the event loop. */
    public Optional<Problem> refusal(String authorization, String path) {
        if (authorization == null || !authorization.startsWith("Bearer ")
                || policy.teacherSignUp() != TeacherSignUp.VERIFIED_EMAIL) {
            return Optional.empty();
        }
        JsonWebToken caller;
        try {
            caller = tokens.parse(authorization.substring("Bearer ".length()));
        } catch (ParseException unverifiable) {
            return Optional.empty();
        }
        if (!caller.getGroups().contains(Roles.TEACHER)) {
            return Optional.empty();
        }
        return Account.<Account>findByIdOptional(caller.getSubject())
                .filter(account -> !account.emailVerified())
                .map(account -> new Problem(Problem.TYPE_BASE + "email-not-verified", "Address not confirmed", 403,
                        "Confirm your email address before you create lessons: open the link we mailed you, or send "
                                + "a new one from Settings", path, null));
    }
}
