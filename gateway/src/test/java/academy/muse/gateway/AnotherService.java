package academy.muse.gateway;

import academy.muse.platform.security.Caller;
import academy.muse.devstack.DevKeys;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies access tokens as any other Muse Academy service can: SmallRye JWT with the user key's public half
 * ({@code public/user.pem}) and the issuer, independent of the gateway's own configuration.
 */
public final class AnotherService {

    private AnotherService() {
    }

    public static JsonWebToken verify(String token) throws ParseException {
        JWTAuthContextInfo context = new JWTAuthContextInfo(
                DevKeys.publicKey(TestKeys.directory(), DevKeys.USER).toUri().toString(), TestTokens.ISSUER);
        return new DefaultJWTParser(context).parse(token);
    }

    public static Caller caller(String token) throws ParseException {
        return Caller.from(verify(token));
    }
}
