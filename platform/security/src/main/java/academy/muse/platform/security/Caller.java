package academy.muse.platform.security;

import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is calling, read from a verified access token. The gateway puts the caller's relations in the token
 * (a teacher's students, a student's teachers, the student an observer watches), so every service applies
 * the same "who sees what" without reading the gateway's database.
 */
public record Caller(String id, Set<String> roles, String displayName, String zone,
                     List<String> students, List<String> teachers, List<String> observes) {

    public static Caller from(JsonWebToken token) {
        return new Caller(token.getSubject(), token.getGroups(),
                stringClaim(token, "name"), stringClaim(token, "zone"),
                listClaim(token, "students"), listClaim(token, "teachers"), listClaim(token, "observes"));
    }

    public boolean is(String role) {
        return roles.contains(role);
    }

    /** True when this caller is the student, or teaches them, or observes them. */
    public boolean mayFollow(String studentId) {
        return id.equals(studentId) || students.contains(studentId) || observes.contains(studentId);
    }

    private static String stringClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        return value == null ? null : text(value);
    }

    private static String text(Object value) {
        return value instanceof JsonString json ? json.getString() : value.toString();
    }

    private static List<String> listClaim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof Collection<?> values) {
            return values.stream().map(Caller::text).toList();
        }
        return List.of();
    }
}
