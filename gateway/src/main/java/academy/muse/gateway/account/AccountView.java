package academy.muse.gateway.account;

import java.time.Instant;

/**
 * An account as its owner (or an admin) sees it.
 *
 * @param emailVerified whether a mailed link confirmed {@code email}
 * @param pendingEmail  the address the owner asked to change to, until they follow the link mailed there; or null
 */
public record AccountView(String id, String email, String displayName, String role, String zone, String locale,
                          boolean lessonReminders, boolean emailVerified, String pendingEmail, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.email, account.displayName, account.role, account.zone,
                account.locale, account.wantsLessonReminders(), account.emailVerified(), account.pendingEmail,
                account.createdAt);
    }
}
