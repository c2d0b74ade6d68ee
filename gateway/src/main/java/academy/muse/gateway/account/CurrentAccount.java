package academy.muse.gateway.account;

import academy.muse.contracts.problem.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The account behind the request's access token (only access tokens: not service tokens, not room tickets). */
@RequestScoped
public class CurrentAccount {

    private final JsonWebToken token;
    private final Accounts accounts;

    CurrentAccount(JsonWebToken token, Accounts accounts) {
        this.token = token;
        this.accounts = accounts;
    }

    public Account get() {
        Object use = token.getClaim("token_use");
        String tokenUse = use instanceof JsonString json ? json.getString() : String.valueOf(use);
        if (!"access".equals(tokenUse)) {
            throw ProblemException.unauthorized("An access token is required");
        }
        return accounts.signedIn(token.getSubject());
    }
}
