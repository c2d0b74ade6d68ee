package academy.muse.devstack.testing;

import academy.muse.devstack.DevKeys;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Real RS256 tokens for tests, signed with the same keys and claims the gateway and the services use,
 * so each service's tests exercise its real token verification.
 */
public final class TestTokens {

    public static final String ISSUER = "https://muse.academy";

    private TestTokens() {
    }

    /** A user's access token: subject, roles, display name and zone, plus relation claims. */
    public static String user(String accountId, String role, String zone, UserRelations relations) {
        JwtClaimsBuilder claims = Jwt.issuer(ISSUER)
                .subject(accountId)
                .upn(accountId)
                .groups(Set.of(role))
                .claim("name", "User " + accountId)
                .claim("zone", zone)
                .claim("token_use", "access")
                .expiresIn(Duration.ofMinutes(10));
        claims.claim("students", List.copyOf(relations.students()));
        claims.claim("teachers", List.copyOf(relations.teachers()));
        claims.claim("observes", List.copyOf(relations.observes()));
        return signed(claims, DevKeys.USER);
    }

    public static String teacher(String accountId, String... studentIds) {
        return user(accountId, "teacher", "Asia/Seoul", new UserRelations(List.of(studentIds), List.of(), List.of()));
    }

    public static String student(String accountId, String... teacherIds) {
        return user(accountId, "student", "Asia/Dubai", new UserRelations(List.of(), List.of(teacherIds), List.of()));
    }

    public static String observer(String accountId, String observedStudentId) {
        return user(accountId, "observer", "Asia/Dubai", new UserRelations(List.of(), List.of(), List.of(observedStudentId)));
    }

    /** A service-to-service token as that service would present it, signed with its own key. */
    public static String service(String serviceName) {
        return serviceSignedBy(serviceName, serviceName);
    }

    /**
     * A token claiming to come from {@code claimedService} but signed with {@code signingService}'s key, as a
     * foothold in one service could forge it.
     */
    public static String serviceSignedBy(String signingService, String claimedService) {
        return signed(Jwt.issuer(ISSUER)
                .subject("service:" + claimedService)
                .groups(Set.of("service"))
                .claim("token_use", "service")
                .expiresIn(Duration.ofMinutes(5)), DevKeys.service(signingService));
    }

    /** A token that is correctly formed but has expired. */
    public static String expiredUser(String accountId, String role) {
        return signed(Jwt.issuer(ISSUER).subject(accountId).upn(accountId).groups(Set.of(role))
                .claim("token_use", "access")
                .issuedAt(System.currentTimeMillis() / 1000 - 3600)
                .expiresAt(System.currentTimeMillis() / 1000 - 1800), DevKeys.USER);
    }

    /**
     * A room ticket as rooms issues it (kid {@code muse-ticket}, audience {@code signaling}, a fresh
     * {@code jti}), valid for a minute; the subject is the participant's account id.
     */
    public static String roomTicket(String roomCode, String accountId, String role, String displayName) {
        long now = System.currentTimeMillis() / 1000;
        return roomTicket(roomCode, accountId, role, displayName, now, now + 60);
    }

    /** A room ticket with an explicit lifetime (epoch seconds), e.g. one that has already expired. */
    public static String roomTicket(String roomCode, String accountId, String role, String displayName,
                                    long issuedAt, long expiresAt) {
        return signed(Jwt.issuer(ISSUER).subject(accountId).audience("signaling")
                .claim("room", roomCode).claim("role", role).claim("name", displayName)
                .claim("token_use", "room-ticket").claim("jti", UUID.randomUUID().toString())
                .issuedAt(issuedAt).expiresAt(expiresAt), DevKeys.TICKET);
    }

    public record UserRelations(Collection<String> students, Collection<String> teachers, Collection<String> observes) {
    }

    /** Signs with the test keys of this purpose, under the purpose's key id, as the real signer does. */
    public static String signed(JwtClaimsBuilder claims, String purpose) {
        return claims.jws().keyId(DevKeys.kid(purpose))
                .sign(DevKeys.privateKey(TestKeys.directory(), purpose).toUri().toString());
    }
}
