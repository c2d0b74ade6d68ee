package academy.muse.scheduling.calendar;

import academy.muse.contracts.problem.ProblemException;
import academy.muse.platform.security.Caller;
import com.mongodb.client.model.Filters;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;

/** Creates, rotates, revokes and resolves calendar feed tokens; one live token per user. */
@ApplicationScoped
public class CalendarTokens {

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    CalendarTokens(Clock clock) {
        this.clock = clock;
    }

    /** Revokes the user's previous token and returns a new one (shown once; only its hash is kept). */
    public String rotate(Caller caller) {
        revoke(caller.id());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        CalendarToken stored = new CalendarToken();
        stored.id = hash(token);
        stored.accountId = caller.id();
        stored.observes = new ArrayList<>(caller.observes());
        stored.zone = caller.zone();
        stored.createdAt = clock.instant();
        stored.persist();
        return token;
    }

    public long revoke(String accountId) {
        return CalendarToken.<CalendarToken>mongoCollection().deleteMany(Filters.eq("accountId", accountId))
                .getDeletedCount();
    }

    public CalendarToken resolve(String token) {
        CalendarToken stored = token == null || token.length() > 100 ? null : CalendarToken.findById(hash(token));
        if (stored == null) {
            throw ProblemException.notFound("This calendar feed");
        }
        return stored;
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
