package academy.muse.gateway.auth;

import academy.muse.gateway.config.PublicSite;
import academy.muse.platform.lease.Lease;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.mail.MailOutbox;
import academy.muse.gateway.mail.MailTexts;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.bson.Document;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * Password reset by an emailed link. Asking for one only stores the request and answers: the same work and the same
 * answer whether or not the address has an account, so the endpoint tells nobody who has one. The requests are
 * then turned into links and mails off the request path, on any replica (claimed with the shared {@link Lease}); a
 * link works once, for {@link #LIFETIME}. Using it sets the new password and ends every session of the account.
 */
@ApplicationScoped
public class PasswordResets {

    static final Duration LIFETIME = Duration.ofMinutes(30);
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final int BATCH = 50;
    private static final String KIND = "password-reset";
    private static final Logger LOG = Logger.getLogger(PasswordResets.class);

    private final MongoCollection<Document> requests;
    private final MailOutbox outbox;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Clock clock;
    private final PublicSite site;

    PasswordResets(MongoClient mongo, @ConfigProperty(name = "quarkus.mongodb.database") String database,
                   MailOutbox outbox, Passwords passwords, Sessions sessions, Clock clock,
                   PublicSite site) {
        this.requests = mongo.getDatabase(database).getCollection("password_reset_requests");
        this.outbox = outbox;
        this.passwords = passwords;
        this.sessions = sessions;
        this.clock = clock;
        this.site = site;
    }

    /** Stores the request, nothing else: whether the address has an account is looked up later, off this path. */
    public void request(String email) {
        requests.insertOne(new Document("_id", UUID.randomUUID().toString())
                .append("email", EmailAddresses.normalise(email)).append("requestedAt", Date.from(clock.instant())));
    }

    @Scheduled(every = "${muse.recovery.mail-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void mailOnSchedule() {
        mailRequested();
    }

    /** Turns stored requests into links and mails (none for an address without an account); returns how many. */
    public int mailRequested() {
        int handled = 0;
        Optional<Lease.Held<Document>> held;
        while (handled < BATCH && (held = Lease.on(requests).claimFirst(Filters.empty(), null, null, clock.instant(),
                clock.instant().plus(LEASE))).isPresent()) {
            Document request = held.get().value();
            Account.findByEmail(request.getString("email")).filter(account -> !account.disabled())
                    .ifPresent(account -> mailLink(request.getString("_id"), account));
            requests.deleteOne(Filters.and(Filters.eq("_id", request.get("_id")), Lease.heldBy(held.get().token())));
            handled++;
        }
        return handled;
    }

    /** The mail's id is the request's, so a run taken over after a crash stores no second mail. */
    private void mailLink(String requestId, Account account) {
        String token = OpaqueTokens.generate();
        PasswordReset reset = new PasswordReset();
        reset.id = OpaqueTokens.hash(token);
        reset.accountId = account.id;
        reset.createdAt = clock.instant();
        reset.expiresAt = reset.createdAt.plus(LIFETIME);
        reset.persist();
        MailTexts texts = MailTexts.forPerson(account.locale, account.zone);
        String body = texts.letter(account.displayName, texts.text("reset.body"),
                site.link("/reset-password?token=" + token), texts.text("reset.expiry", texts.time(reset.expiresAt)),
                texts.text("reset.unexpected"));
        outbox.store(texts.mail(KIND + ":" + requestId, KIND, account.email, texts.text("reset.subject"), body));
        LOG.infof("Mailed a password-reset link to account %s", account.id);
    }

    /**
     * Sets a new password with a link's token: the password is checked first (a weak one does not spend the link),
     * then the link is spent in one conditional write, so of two uses exactly one succeeds; every session ends.
     */
    public void reset(String token, String newPassword) {
        Instant now = clock.instant();
        PasswordReset reset = PasswordReset.<PasswordReset>findByIdOptional(OpaqueTokens.hash(token))
                .filter(found -> found.usedAt == null && found.expiresAt.isAfter(now)).orElseThrow(PasswordResets::spent);
        Account account = Account.<Account>findByIdOptional(reset.accountId).orElseThrow(PasswordResets::spent);
        passwords.requireStrong(newPassword, account.email);
        long won = PasswordReset.mongoCollection().updateOne(Filters.and(Filters.eq("_id", reset.id),
                Filters.eq("usedAt", null)), Updates.set("usedAt", Date.from(now))).getModifiedCount();
        if (won != 1) {
            throw spent();
        }
        setPassword(account, newPassword);
        LOG.infof("Account %s set a new password through a reset link", account.id);
    }

    /** A signed-in person changes their password; every session of theirs ends (the caller gets a new one). */
    public void change(Account account, String currentPassword, String newPassword) {
        passwords.requireCurrent(currentPassword, account.passwordHash);
        passwords.requireStrong(newPassword, account.email);
        setPassword(account, newPassword);
        LOG.infof("Account %s changed its password", account.id);
    }

    private void setPassword(Account account, String newPassword) {
        account.passwordHash = passwords.hash(newPassword);
        account.updatedAt = clock.instant();
        account.update();
        sessions.endAllFor(account.id);
    }

    private static ProblemException spent() {
        return new ProblemException(410, "reset-link-spent", "Link no longer valid",
                "This link was used already or has expired: ask for a new one");
    }
}
