package academy.muse.gateway.account;

import java.util.Locale;

/** One spelling per address, so that "Sara@Example.org " and "sara@example.org" are the same account. */
public final class EmailAddresses {

    private EmailAddresses() {
    }

    public static String normalise(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
