package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.account.EmailAddresses;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Clock;

/** Sign-up, sign-in, refresh and sign-out, and the public keys that verify the access tokens. */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final SignUps signUps;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Passwords passwords;
    private final UserKeySet keys;
    private final Clock clock;
    private final RefreshCookie cookie;

    AuthResource(SignUps signUps, Sessions sessions, LoginThrottle throttle, Passwords passwords, UserKeySet keys,
                 RefreshCookie cookie, Clock clock) {
        this.clock = clock;
        this.cookie = cookie;
        this.signUps = signUps;
        this.sessions = sessions;
        this.throttle = throttle;
        this.passwords = passwords;
        this.keys = keys;
    }

    /**
     * A teacher signs up; with {@code invitation}, a student or an observer. 202 whether or not the address already
     * had an account (which keeps its own password): the web app then signs in with the new password.
     */
    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signUp(@NotNull @Valid SignupRequest request, @Context HttpServerRequest http) {
        throttle.admitSignUp(clientAddress(http));
        signUps.signUp(request);
        return Response.accepted(new SignUpAccepted("accepted",
                        "If this email can be used, the account is ready: sign in with it and this password"))
                .header("Cache-Control", "no-store").build();
    }

    /** The one answer to every well-formed sign-up. */
    public record SignUpAccepted(String status, String detail) {
    }

    /** The peer's address, or what a trusted proxy forwarded ({@code quarkus.http.proxy.trusted-proxies}). */
    private static String clientAddress(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(@NotNull @Valid LoginRequest request, @Context HttpServerRequest http) {
        String email = EmailAddresses.normalise(request.email());
        String address = clientAddress(http);
        throttle.requireAllowed(email, address);
        Account account = Account.findByEmail(email).orElse(null);
        boolean valid = account == null
                ? passwords.matchesNoAccount(request.password())
                : passwords.matches(request.password(), account.passwordHash);
        if (!valid) {
            throttle.recordFailure(email, address);
            throw new ProblemException(401, "invalid-credentials", "Not signed in",
                    "The email or the password is not right");
        }
        throttle.recordSuccess(email, address);
        if (account.disabled()) {
            // Only after the right password: a guess learns nothing about whether the account is disabled.
            throw new ProblemException(403, Accounts.DISABLED, "Not allowed", Accounts.DISABLED_DETAIL);
        }
        return signedIn(Response.ok(), sessions.start(account));
    }

    /** Exchanges the refresh cookie for a new access token and a new refresh cookie. */
    @POST
    @Path("/refresh")
    public Response refresh(@CookieParam(RefreshCookie.NAME) String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ProblemException.unauthorized("Not signed in: there is no refresh cookie");
        }
        return signedIn(Response.ok(), sessions.refresh(refreshToken));
    }

    /** Ends this sign-in everywhere its refresh tokens went; access tokens already issued expire by themselves. */
    @POST
    @Path("/logout")
    public Response logout(@CookieParam(RefreshCookie.NAME) String refreshToken) {
        if (refreshToken != null && !refreshToken.isBlank()) {
            sessions.end(refreshToken);
        }
        return Response.noContent().header("Set-Cookie", cookie.cleared()).build();
    }

    /** The JSON Web Key Set with the public half of the key that signs access tokens. */
    @GET
    @Path("/jwks.json")
    public Response jwks() {
        return Response.ok(keys.json()).header("Cache-Control", "public, max-age=300").build();
    }

    private Response signedIn(Response.ResponseBuilder response, Session session) {
        return signedIn(cookie, response, session, clock);
    }

    /** The answer that signs a person in: the access token and account in the body, the refresh token in its cookie. */
    static Response signedIn(RefreshCookie cookie, Response.ResponseBuilder response, Session session, Clock clock) {
        return response.header("Set-Cookie", cookie.carrying(session.refreshToken(), session.refreshExpiresAt()))
                .header("Cache-Control", "no-store")
                .entity(SessionView.of(session, clock.instant()))
                .build();
    }
}
