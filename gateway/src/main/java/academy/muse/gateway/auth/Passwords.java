package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.config.AuthConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/** Password rules and bcrypt hashing. */
@ApplicationScoped
public class Passwords {

    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes; anything longer would be silently cut, so it is refused instead. */
    public static final int MAX_BYTES = 72;
    private static final int MIN_DISTINCT_CHARACTERS = 5;
    private static final Set<String> COMMON = Set.of("1234567890", "0123456789", "qwertyuiop", "password12",
            "password123", "password1234", "1q2w3e4r5t", "qwerty1234", "iloveyou12", "abcdefghij");

    private final int cost;
    private volatile String decoyHash;

    Passwords(AuthConfig config) {
        this.cost = config.bcryptCost();
    }

    /** Refuses a password that is easy to guess; the detail tells the person what to change. */
    public void requireStrong(String password, String email) {
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw weak("Use at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw weak("Use at most " + MAX_BYTES + " bytes (about " + MAX_BYTES + " Latin letters)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (password.codePoints().distinct().count() < MIN_DISTINCT_CHARACTERS || COMMON.contains(lower)) {
            throw weak("This password is too easy to guess");
        }
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if (localPart.length() >= 4 && lower.contains(localPart.toLowerCase(Locale.ROOT))) {
            throw weak("Do not use your email address in your password");
        }
    }

    public String hash(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        return BcryptUtil.matches(password, hash);
    }

    /** A signed-in person confirms who they are before a change that matters (password, address, deletion). */
    public void requireCurrent(String password, String hash) {
        if (!matches(password, hash)) {
            throw new ProblemException(403, "wrong-password", "Not allowed", "The current password is not right");
        }
    }

    /**
     * Spends the same time as checking a real password, for emails without an account, so that the answer's
     * timing does not tell which emails have accounts. Always false.
     */
    public boolean matchesNoAccount(String password) {
        if (decoyHash == null) {
            decoyHash = hash(OpaqueTokens.generate());
        }
        BcryptUtil.matches(password, decoyHash);
        return false;
    }

    private static ProblemException weak(String detail) {
        return ProblemException.unprocessable("weak-password", detail);
    }
}
