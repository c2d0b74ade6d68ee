package academy.muse.platform.security;

import academy.muse.platform.outbox.EventsConfig;
import academy.muse.devstack.DevKeys;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signers and the verifier together: what each key may sign, as a receiving service sees it. */
class PurposeTokenParserTest {

    private static final String ISSUER = "https://muse.academy";

    @TempDir
    static Path directory;

    @BeforeAll
    static void keys() {
        DevKeys.ensure(directory);
    }

    @Test
    void aServicesOwnTokenPassesWhereThatServiceIsAccepted() throws Exception {
        String token = serviceTokens("scheduling").current();

        assertThat(parser("user", "service-scheduling").parse(token).getSubject()).isEqualTo("service:scheduling");
        assertThatThrownBy(() -> parser("user").parse(token)).isInstanceOf(ParseException.class);
    }

    @Test
    void aServiceKeyCannotSpeakForAnotherService() {
        String forged = signed(Jwt.issuer(ISSUER).subject("service:scheduling").groups(Set.of(Roles.SERVICE))
                .claim("token_use", "service").expiresIn(60).jws().keyId("muse-service-scheduling"), "service-vod");
        String relabelled = signed(Jwt.issuer(ISSUER).subject("service:scheduling").groups(Set.of(Roles.SERVICE))
                .claim("token_use", "service").expiresIn(60).jws().keyId("muse-service-vod"), "service-vod");

        assertThatThrownBy(() -> parser("service-scheduling", "service-vod").parse(forged)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser("service-scheduling", "service-vod").parse(relabelled)).isInstanceOf(ParseException.class);
    }

    @Test
    void theUserKeySignsOnlyAccessTokensWithUserRoles() throws Exception {
        String access = signed(userClaims(Roles.TEACHER, "access"), "user");
        String adminOfServices = signed(userClaims(Roles.SERVICE, "access"), "user");
        String notAccess = signed(userClaims(Roles.TEACHER, "service"), "user");

        assertThat(parser("user").parse(access).getGroups()).containsExactly(Roles.TEACHER);
        assertThatThrownBy(() -> parser("user").parse(adminOfServices)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser("user").parse(notAccess)).isInstanceOf(ParseException.class);
    }

    @Test
    void aTicketIsAcceptedOnlyForSignalingAndOnlyWithTheTicketKey() throws Exception {
        String ticket = signed(ticketClaims("signaling").jws().keyId("muse-ticket"), "ticket");
        String otherAudience = signed(ticketClaims("rooms").jws().keyId("muse-ticket"), "ticket");
        String byTheUserKey = signed(ticketClaims("signaling").jws().keyId("muse-ticket"), "user");

        assertThat(parser("ticket").parse(ticket).getAudience()).containsExactly("signaling");
        assertThatThrownBy(() -> parser("user").parse(ticket)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser("ticket").parse(otherAudience)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> parser("ticket").parse(byTheUserKey)).isInstanceOf(ParseException.class);
    }

    private static io.smallrye.jwt.build.JwtSignatureBuilder userClaims(String role, String use) {
        return Jwt.issuer(ISSUER).subject("account-1").groups(Set.of(role)).claim("token_use", use)
                .expiresIn(60).jws().keyId("muse-user");
    }

    private static io.smallrye.jwt.build.JwtClaimsBuilder ticketClaims(String audience) {
        return Jwt.issuer(ISSUER).subject("account-1").audience(audience).claim("room", "k7m-2qd-x9a-4hb")
                .claim("role", "participant").claim("token_use", "room-ticket").claim("jti", "t-1").expiresIn(60);
    }

    private static String signed(io.smallrye.jwt.build.JwtSignatureBuilder builder, String purpose) {
        return builder.sign(PemKeys.readPrivate(DevKeys.privateKey(directory, purpose)));
    }

    private static PurposeTokenParser parser(String... accepted) {
        JWTAuthContextInfo defaults = new JWTAuthContextInfo();
        defaults.setIssuedBy(ISSUER);
        return new PurposeTokenParser(defaults, new TokenKeys(keysConfig(accepted)));
    }

    private static ServiceTokens serviceTokens(String service) {
        KeysConfig config = keysConfig();
        EventsConfig events = new EventsConfig() {
            public String source() { return service; }
            public Duration sendTimeout() { return Duration.ofSeconds(5); }
            public Duration lease() { return Duration.ofSeconds(30); }
            public int batchSize() { return 1; }
            public Duration retention() { return Duration.ofDays(1); }
        };
        return new ServiceTokens(new TokenKeys(config), config, events, ISSUER, java.time.Clock.systemUTC());
    }

    private static KeysConfig keysConfig(String... accepted) {
        return new KeysConfig() {
            public Path directory() { return directory; }
            public Duration serviceTokenLifetime() { return Duration.ofMinutes(5); }
            public Set<String> accept() { return Set.of(accepted); }
        };
    }
}
