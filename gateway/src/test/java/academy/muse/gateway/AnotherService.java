package academy.muse.gateway;

import academy.muse.contracts.security.Caller;
import academy.muse.devstack.testing.TestKeys;
import academy.muse.devstack.testing.TestTokens;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies tokens the way any other Muse Academy service does: SmallRye JWT with the shared JWKS file
 * ({@code mp.jwt.verify.publickey.location}) and the issuer, independent of the gateway's own configuration.
 */
public final class AnotherService {

    private AnotherService() {
    }

    public static JsonWebToken verify(String token) throws ParseException {
        JWTAuthContextInfo context = new JWTAuthContextInfo(
                TestKeys.directory().resolve("jwks.json").toUri().toString(), TestTokens.ISSUER);
        return new DefaultJWTParser(context).parse(token);
    }

    public static Caller caller(String token) throws ParseException {
        return Caller.from(verify(token));
    }
}
