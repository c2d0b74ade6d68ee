package academy.muse.gateway.account;

import java.time.Instant;

/** An account as its owner (or an admin) sees it. */
public record AccountView(String id, String email, String displayName, String role, String zone, String locale,
                          boolean lessonReminders, Instant createdAt) {

    public static AccountView of(Account account) {
        return new AccountView(account.id, account.email, account.displayName, account.role, account.zone,
                account.locale, account.wantsLessonReminders(), account.createdAt);
    }
}
