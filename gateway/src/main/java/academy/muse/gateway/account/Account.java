package academy.muse.gateway.account;

import io.quarkus.mongodb.panache.PanacheMongoEntityBase;
import io.quarkus.mongodb.panache.common.MongoEntity;
import org.bson.codecs.pojo.annotations.BsonId;

import java.time.Instant;
import java.util.Optional;

/**
 * A person who signs in: a teacher, a student, an observer (a parent watching a child's lessons) or an
 * operator (admin). One role per account; the email is stored normalised and is unique.
 */
@MongoEntity(collection = "accounts")
public class Account extends PanacheMongoEntityBase {

    @BsonId
    public String id;
    /** Trimmed and lower-cased, see {@link EmailAddresses#normalise(String)}. */
    public String email;
    /** bcrypt, never logged and never returned. */
    public String passwordHash;
    public String displayName;
    /** One of {@code academy.muse.platform.security.Roles}: teacher, student, observer or admin. */
    public String role;
    /** An IANA zone id, e.g. {@code Asia/Seoul}. */
    public String zone;
    /** A BCP 47 language tag, e.g. {@code en} or {@code ko-KR}. */
    public String locale;
    /** Whether lesson reminders (24 h and 1 h before) are mailed; null, the default, means they are. */
    public Boolean lessonReminders;
    public Instant createdAt;
    public Instant updatedAt;
    /** When an admin disabled the account (it cannot sign in or refresh); null while it may. */
    public Instant disabledAt;
    /** When the person followed a mailed link to {@link #email}; null until then (and for accounts made before). */
    public Instant emailVerifiedAt;
    /** The address the person asked to change to; {@link #email} stays until the link mailed there is followed. */
    public String pendingEmail;
    /** When a verification link was last mailed for this account: resending waits a while after it. */
    public Instant verificationMailedAt;

    public static Optional<Account> findByEmail(String normalisedEmail) {
        return find("email", normalisedEmail).firstResultOptional();
    }

    public boolean is(String someRole) {
        return someRole.equals(role);
    }

    public boolean wantsLessonReminders() {
        return !Boolean.FALSE.equals(lessonReminders);
    }

    public boolean emailVerified() {
        return emailVerifiedAt != null;
    }

    public boolean disabled() {
        return disabledAt != null;
    }
}
