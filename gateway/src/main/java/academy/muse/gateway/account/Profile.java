package academy.muse.gateway.account;

/** An account as a related person sees it: no email, no sign-in details. */
public record Profile(String id, String displayName, String role, String zone, String locale) {

    static Profile of(Account account) {
        return new Profile(account.id, account.displayName, account.role, account.zone, account.locale);
    }
}
