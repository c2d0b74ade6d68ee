package academy.muse.platform.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

import javax.crypto.SecretKey;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Set;

/**
 * Verifies every bearer token against the one key its purpose names, and only for the purposes this service
 * accepts ({@code muse.keys.accept}). The key id picks the purpose; the claims must then say the same thing:
 * a user key signs only access tokens with user roles, the ticket key only room tickets for signaling, and
 * {@code service-X}'s key only service tokens of {@code service:X}. Anything else is refused (401), so no key
 * can mint a token of another kind, and the role {@code service} never comes from a user token's groups.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class PurposeTokenParser implements JWTParser {

    public static final String TOKEN_USE = "token_use";
    public static final String ACCESS_USE = "access";
    public static final String TICKET_USE = "room-ticket";
    public static final String SERVICE_USE = "service";
    public static final String TICKET_AUDIENCE = "signaling";
    public static final String SERVICE_SUBJECT_PREFIX = "service:";
    private static final Set<String> USER_ROLES = Set.of(Roles.TEACHER, Roles.STUDENT, Roles.OBSERVER, Roles.ADMIN);

    private final JWTAuthContextInfo defaults;
    private final TokenKeys keys;
    private final JWTParser delegate;

    PurposeTokenParser(JWTAuthContextInfo defaults, TokenKeys keys) {
        this.defaults = defaults;
        this.keys = keys;
        this.delegate = new DefaultJWTParser(defaults);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        return parse(token, defaults);
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        TokenPurpose purpose = TokenPurpose.ofKid(keyId(token))
                .filter(keys::accepts)
                .orElseThrow(() -> new ParseException("The token is not signed with a key this service accepts"));
        JWTAuthContextInfo forPurpose = new JWTAuthContextInfo(context);
        forPurpose.setPublicKeyLocation(null);
        forPurpose.setPublicKeyContent(null);
        forPurpose.setPublicVerificationKey(keys.verificationKey(purpose));
        forPurpose.setTokenKeyId(purpose.kid());
        forPurpose.setExpectedAudience(purpose.name().equals(TokenPurpose.TICKET) ? Set.of(TICKET_AUDIENCE) : null);
        JsonWebToken verified = delegate.parse(token, forPurpose);
        requireClaimsOf(purpose, verified);
        return verified;
    }

    private static void requireClaimsOf(TokenPurpose purpose, JsonWebToken token) throws ParseException {
        String use = tokenUse(token);
        boolean consistent;
        if (purpose.isService()) {
            consistent = SERVICE_USE.equals(use)
                    && (SERVICE_SUBJECT_PREFIX + purpose.serviceName()).equals(token.getSubject())
                    && Set.of(Roles.SERVICE).equals(token.getGroups());
        } else if (purpose.name().equals(TokenPurpose.USER)) {
            consistent = ACCESS_USE.equals(use) && !token.getGroups().isEmpty() && USER_ROLES.containsAll(token.getGroups());
        } else if (purpose.name().equals(TokenPurpose.TICKET)) {
            consistent = TICKET_USE.equals(use) && token.getGroups().isEmpty();
        } else {
            consistent = false;
        }
        if (!consistent) {
            throw new ParseException("The token's claims do not match the purpose of its key " + purpose.kid());
        }
    }

    /** The token's {@code token_use} claim as text (SmallRye may hand it over as a JSON string). */
    public static String tokenUse(JsonWebToken token) {
        Object use = token.getClaim(TOKEN_USE);
        return use instanceof JsonString json ? json.getString() : use == null ? null : use.toString();
    }

    private static String keyId(String token) throws ParseException {
        try {
            return JsonWebStructure.fromCompactSerialization(token).getKeyIdHeaderValue();
        } catch (JoseException e) {
            throw new ParseException("Not a compact JWT", e);
        }
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
