package academy.muse.gateway.admin;

import academy.muse.gateway.account.Account;

import java.time.Instant;

/**
 * An account as the admin console lists it.
 *
 * @param emailVerified whether a mailed link confirmed the address (what the {@code verified-email} policy asks of a
 *                      teacher before they create lessons)
 */
public record AdminAccountView(String id, String email, String displayName, String role, String zone,
                               Instant createdAt, boolean disabled, Instant disabledAt, boolean emailVerified) {

    static AdminAccountView of(Account account) {
        return new AdminAccountView(account.id, account.email, account.displayName, account.role, account.zone,
                account.createdAt, account.disabled(), account.disabledAt, account.emailVerified());
    }
}
