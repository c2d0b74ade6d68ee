package academy.muse.gateway.auth;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.config.AuthConfig;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/** Sign-in sessions: a family of rotating refresh tokens, each exchanged once for an access token and its successor. */
@ApplicationScoped
public class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);
    /** Expired tokens are kept a little while so that a late reuse is still recognised (and logged) as reuse. */
    private static final Duration KEEP_EXPIRED = Duration.ofDays(1);

    private final AccessTokens accessTokens;
    private final AuthConfig config;
    private final RefreshCookie cookie;
    private final Clock clock;

    Sessions(AccessTokens accessTokens, AuthConfig config, RefreshCookie cookie, Clock clock) {
        this.clock = clock;
        this.accessTokens = accessTokens;
        this.config = config;
        this.cookie = cookie;
    }

    void createIndexes(@Observes @Priority(1) StartupEvent start) {
        RefreshToken.mongoCollection().createIndex(Indexes.ascending("familyId"));
    }

    /** A new session (a new family) for an account that has just proved who it is. */
    public Session start(Account account) {
        return issue(account, UUID.randomUUID().toString());
    }

    /**
     * Exchanges a refresh token for a new access token and a new refresh token. A token that was already
     * exchanged revokes its whole family: whoever holds the newer one (the owner or a thief) must sign in again.
     */
    public Session refresh(String presented) {
        RefreshToken token = RefreshToken.<RefreshToken>findByIdOptional(OpaqueTokens.hash(presented))
                .orElseThrow(() -> invalid("This sign-in is not known; sign in again"));
        Instant now = clock.instant();
        if (token.revokedAt != null) {
            throw invalid("This sign-in has ended; sign in again");
        }
        if (token.rotatedAt != null) {
            throw reused(token, now);
        }
        if (token.expiresAt.isBefore(now)) {
            throw invalid("This sign-in has expired; sign in again");
        }
        if (!claimForRotation(token, now)) {
            throw reused(token, now);
        }
        Account account = Account.<Account>findByIdOptional(token.accountId)
                .orElseThrow(() -> invalid("This account no longer exists"));
        if (account.disabled()) {
            throw new ProblemException(401, Accounts.DISABLED, "Not signed in", Accounts.DISABLED_DETAIL,
                    Map.of("Set-Cookie", cookie.cleared()));
        }
        return issue(account, token.familyId);
    }

    /** Ends the session the token belongs to (all its tokens). Unknown tokens are ignored: logging out twice is fine. */
    public void end(String presented) {
        RefreshToken.<RefreshToken>findByIdOptional(OpaqueTokens.hash(presented))
                .ifPresent(token -> revokeFamily(token.familyId, clock.instant()));
    }

    /**
     * Ends every session of an account at once (disabled or deleted): no refresh token of it works any more.
     * Access tokens already issued stay valid until they expire ({@code muse.auth.access-token-lifetime}).
     */
    public void endAllFor(String accountId) {
        long ended = RefreshToken.mongoCollection().updateMany(
                Filters.and(Filters.eq("accountId", accountId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", Date.from(clock.instant()))).getModifiedCount();
        LOG.infof("Ended the sessions of account %s (%d refresh tokens revoked)", accountId, ended);
    }

    @Scheduled(every = "1h", delayed = "5m")
    void purgeExpired() {
        long purged = RefreshToken.mongoCollection()
                .deleteMany(Filters.lt("expiresAt", Date.from(clock.instant().minus(KEEP_EXPIRED)))).getDeletedCount();
        if (purged > 0) {
            LOG.debugf("Purged %d expired refresh tokens", purged);
        }
    }

    private Session issue(Account account, String familyId) {
        String secret = OpaqueTokens.generate();
        RefreshToken token = new RefreshToken();
        token.id = OpaqueTokens.hash(secret);
        token.familyId = familyId;
        token.accountId = account.id;
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(config.refreshTokenLifetime());
        token.persist();
        return new Session(account, accessTokens.issue(account), secret, token.expiresAt);
    }

    /** Atomic, so that two refreshes racing with one token cannot both win: the loser counts as reuse. */
    private static boolean claimForRotation(RefreshToken token, Instant now) {
        return RefreshToken.<RefreshToken>mongoCollection().findOneAndUpdate(
                Filters.and(Filters.eq("_id", token.id), Filters.eq("rotatedAt", null), Filters.eq("revokedAt", null)),
                Updates.set("rotatedAt", Date.from(now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)) != null;
    }

    private static void revokeFamily(String familyId, Instant now) {
        RefreshToken.mongoCollection().updateMany(
                Filters.and(Filters.eq("familyId", familyId), Filters.eq("revokedAt", null)),
                Updates.set("revokedAt", Date.from(now)));
    }

    private ProblemException reused(RefreshToken token, Instant now) {
        revokeFamily(token.familyId, now);
        LOG.warnf("Refresh token reused for account %s (family %s); the family is revoked",
                token.accountId, token.familyId);
        return new ProblemException(401, "refresh-token-reused", "Not signed in",
                "This sign-in was used twice, which may mean it was copied; it has been ended everywhere. Sign in again",
                Map.of("Set-Cookie", cookie.cleared()));
    }

    private ProblemException invalid(String detail) {
        return new ProblemException(401, "invalid-refresh-token", "Not signed in", detail,
                Map.of("Set-Cookie", cookie.cleared()));
    }
}
