package academy.muse.gateway.auth;

import academy.muse.gateway.config.PublicSite;
import academy.muse.contracts.problem.ProblemException;
import academy.muse.gateway.account.Account;
import academy.muse.gateway.account.Accounts;
import academy.muse.gateway.account.EmailAddresses;
import academy.muse.gateway.mail.MailOutbox;
import academy.muse.gateway.mail.MailTexts;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Addresses confirmed by a mailed link: a new teacher's address, and the new address of an email change (the old one
 * is told, and stays until the link is followed). A link is 256 random bits of which only the hash is kept; it works
 * once, for {@link #LIFETIME}. Mailing links is throttled per account ({@link #RESEND_AFTER}), so that neither the
 * resend button nor the email change can be used to flood a mailbox.
 */
@ApplicationScoped
public class EmailVerifications {

    /** Short, like a reset link: the link is as good as the address; another is a click away in Settings. */
    static final Duration LIFETIME = Duration.ofHours(1);
    static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    private static final Logger LOG = Logger.getLogger(EmailVerifications.class);

    private final MailOutbox outbox;
    private final Passwords passwords;
    private final Accounts accounts;
    private final Clock clock;
    private final PublicSite site;

    EmailVerifications(MailOutbox outbox, Passwords passwords, Accounts accounts, Clock clock,
                       PublicSite site) {
        this.outbox = outbox;
        this.passwords = passwords;
        this.accounts = accounts;
        this.clock = clock;
        this.site = site;
    }

    /** What a followed link confirmed: the address, and whether it was a sign-up's or an email change's. */
    public record Confirmed(String email, String purpose) {
    }

    /** Mails a new teacher the link that confirms their address. */
    public void mailForSignUp(Account account) {
        claimMailSlot(account);
        mailLink(account, account.email, EmailVerification.SIGN_UP);
    }

    /** Mails the link again (a new one; the earlier ones keep working until they expire); 429 when asked too soon. */
    public void resend(Account account) {
        if (account.emailVerified()) {
            throw ProblemException.conflict("email-already-verified", "Your address is confirmed already");
        }
        claimMailSlot(account);
        mailLink(account, account.email, EmailVerification.SIGN_UP);
    }

    /**
     * Asks to change the account's address: the new address gets a link, the old one a notice, and the account keeps
     * its old address until the link is followed. An address another account has is refused without saying whose.
     */
    public void requestChange(Account account, String currentPassword, String newEmail) {
        passwords.requireCurrent(currentPassword, account.passwordHash);
        String email = EmailAddresses.normalise(newEmail);
        if (email.equals(account.email)) {
            throw ProblemException.unprocessable("same-email", "This is your address already");
        }
        if (accounts.emailTaken(email)) {
            throw unavailable();
        }
        claimMailSlot(account);
        Account.mongoCollection().updateOne(Filters.eq("_id", account.id), Updates.set("pendingEmail", email));
        account.pendingEmail = email;
        mailLink(account, email, EmailVerification.EMAIL_CHANGE);
        MailTexts texts = MailTexts.forPerson(account.locale, account.zone);
        String notice = texts.letter(account.displayName, texts.text("email-change.notice.body",
                texts.time(clock.instant()), email), texts.text("email-change.notice.unexpected"));
        outbox.store(texts.mail("email-change-notice:" + UUID.randomUUID(), "email-change-notice", account.email,
                texts.text("email-change.notice.subject"), notice));
        LOG.infof("Account %s asked to change its address; links mailed", account.id);
    }

    /**
     * Follows a link: confirms the sign-up's address, or makes the asked-for address the account's. 410 for a link
     * used, expired, unknown, or overtaken (the account's address or its asked-for address has changed since).
     */
    public Confirmed confirm(String token) {
        Instant now = clock.instant();
        EmailVerification link = EmailVerification.<EmailVerification>findByIdOptional(OpaqueTokens.hash(token))
                .filter(found -> found.usedAt == null && found.expiresAt.isAfter(now))
                .orElseThrow(EmailVerifications::spent);
        Account account = Account.<Account>findByIdOptional(link.accountId).orElseThrow(EmailVerifications::spent);
        if (EmailVerification.EMAIL_CHANGE.equals(link.purpose)) {
            changeAddress(account, link, now);
        } else {
            confirmAddress(account, link, now);
        }
        return new Confirmed(link.email, link.purpose);
    }

    private void confirmAddress(Account account, EmailVerification link, Instant now) {
        if (!link.email.equals(account.email) || !spend(link, now)) {
            throw spent();
        }
        Account.mongoCollection().updateOne(Filters.and(Filters.eq("_id", account.id), Filters.eq("email", link.email)),
                Updates.set("emailVerifiedAt", Date.from(now)));
        LOG.infof("Account %s confirmed its address", account.id);
    }

    /**
     * The account's own conditional write is what makes the link single-use here: it changes the address only while
     * this address is the one asked for, and clears that in the same write. A newer request overtakes an older link.
     */
    private void changeAddress(Account account, EmailVerification link, Instant now) {
        long changed;
        try {
            changed = Account.mongoCollection().updateOne(
                    Filters.and(Filters.eq("_id", account.id), Filters.eq("pendingEmail", link.email)),
                    Updates.combine(Updates.set("email", link.email), Updates.set("emailVerifiedAt", Date.from(now)),
                            Updates.unset("pendingEmail"), Updates.set("updatedAt", Date.from(now)))).getModifiedCount();
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw unavailable();
            }
            throw e;
        }
        if (changed != 1) {
            throw spent();
        }
        spend(link, now);
        LOG.infof("Account %s changed its address", account.id);
    }

    private static boolean spend(EmailVerification link, Instant now) {
        return EmailVerification.mongoCollection().updateOne(Filters.and(Filters.eq("_id", link.id),
                Filters.eq("usedAt", null)), Updates.set("usedAt", Date.from(now))).getModifiedCount() == 1;
    }

    /** One link per account per {@link #RESEND_AFTER}, decided by one conditional write (so across replicas too). */
    private void claimMailSlot(Account account) {
        Instant now = clock.instant();
        long won = Account.mongoCollection().updateOne(Filters.and(Filters.eq("_id", account.id),
                        Filters.or(Filters.eq("verificationMailedAt", null),
                                Filters.lte("verificationMailedAt", Date.from(now.minus(RESEND_AFTER))))),
                Updates.set("verificationMailedAt", Date.from(now))).getModifiedCount();
        if (won != 1) {
            throw ProblemException.tooManyRequests("A link was mailed a moment ago: wait a minute before asking again",
                    RESEND_AFTER.toSeconds());
        }
        account.verificationMailedAt = now;
    }

    private void mailLink(Account account, String to, String purpose) {
        String token = OpaqueTokens.generate();
        EmailVerification link = new EmailVerification();
        link.id = OpaqueTokens.hash(token);
        link.accountId = account.id;
        link.email = to;
        link.purpose = purpose;
        link.createdAt = clock.instant();
        link.expiresAt = link.createdAt.plus(LIFETIME);
        link.persist();
        String texts = EmailVerification.SIGN_UP.equals(purpose) ? "verify" : "email-change";
        MailTexts words = MailTexts.forPerson(account.locale, account.zone);
        String body = words.letter(account.displayName, words.text(texts + ".body", account.email),
                site.link("/verify-email?token=" + token), words.text(texts + ".expiry", words.time(link.expiresAt)),
                words.text(texts + ".unexpected"));
        String kind = EmailVerification.SIGN_UP.equals(purpose) ? "email-verification" : "email-change";
        outbox.store(words.mail(kind + ":" + UUID.randomUUID(), kind, to, words.text(texts + ".subject"), body));
    }

    private static ProblemException unavailable() {
        return ProblemException.conflict("email-unavailable", "This address cannot be used for your account: choose another");
    }

    private static ProblemException spent() {
        return new ProblemException(410, "verification-link-spent", "Link no longer valid",
                "This link was used already, has expired, or a newer one replaced it: ask for a new one in Settings");
    }
}
