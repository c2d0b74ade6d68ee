package academy.muse.gateway.auth;

import academy.muse.platform.security.TokenKeys;
import academy.muse.platform.security.TokenPurpose;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * The public half of the user key as a JSON Web Key Set (RFC 7517), for anyone who wants to verify a
 * Muse Academy access token. Only the user key: tickets and service tokens are none of an outsider's business.
 */
@ApplicationScoped
public class UserKeySet {

    private final TokenKeys keys;

    UserKeySet(TokenKeys keys) {
        this.keys = keys;
    }

    public String json() {
        TokenPurpose user = TokenPurpose.user();
        RSAPublicKey key = (RSAPublicKey) keys.verificationKey(user);
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + user.kid()
                + "\",\"n\":\"" + base64Url(key.getModulus()) + "\",\"e\":\"" + base64Url(key.getPublicExponent()) + "\"}]}";
    }

    private static String base64Url(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
