package academy.muse.gateway.account;

/** What a new account starts with; the password is already hashed, the email already normalised. */
public record NewAccount(String email, String passwordHash, String displayName, String role, String zone,
                         String locale) {
}
