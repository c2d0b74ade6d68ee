package academy.muse.backup;

import com.mongodb.MongoCredential;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the connection URI comes from: the environment variable {@value #VARIABLE} or the file {@value #FILE_VARIABLE}
 * names (a mounted Secret). The URI may carry the password, so it is never an argument and never printed;
 * {@link #toString()} says only where it came from. The administrator may instead come apart from the URI, in
 * {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE} (the chart's CronJob, straight from the Secret): a
 * password then needs no URL-encoding, whatever characters an operator's own Secret holds.
 */
record ConnectionUri(String value, String source, Optional<MongoCredential> credential) {

    static final String VARIABLE = "MONGODB_URI";
    static final String FILE_VARIABLE = "MONGODB_URI_FILE";
    static final String USERNAME_VARIABLE = "MONGODB_USERNAME";
    static final String PASSWORD_VARIABLE = "MONGODB_PASSWORD";
    /** The database the administrator is defined in (the chart's root user, MongoDB's default). */
    static final String ADMIN_DATABASE = "admin";

    static ConnectionUri from(Map<String, String> environment) {
        String direct = environment.get(VARIABLE);
        String file = environment.get(FILE_VARIABLE);
        if ((direct == null) == (file == null)) {
            throw new Command.UsageException("set exactly one of " + VARIABLE + " and " + FILE_VARIABLE);
        }
        String value;
        String source;
        if (direct != null) {
            value = direct.strip();
            source = VARIABLE;
        } else {
            value = read(Path.of(file));
            source = "the file " + file;
        }
        if (value.isEmpty()) {
            throw new Command.UsageException(source + " is empty");
        }
        return new ConnectionUri(value, source, credential(environment));
    }

    private static Optional<MongoCredential> credential(Map<String, String> environment) {
        String username = environment.get(USERNAME_VARIABLE);
        String password = environment.get(PASSWORD_VARIABLE);
        if ((username == null) != (password == null)) {
            throw new Command.UsageException("set both " + USERNAME_VARIABLE + " and " + PASSWORD_VARIABLE + " or neither");
        }
        return Optional.ofNullable(username).map(user -> MongoCredential.createCredential(user, ADMIN_DATABASE,
                password.toCharArray()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new Command.UsageException("cannot read " + FILE_VARIABLE + " " + file + " (" + e + ")");
        }
    }

    /**
     * {@code text} with the URI and its password replaced by {@code ****}, as given and as URL-decoded: what an
     * error message may quote of it. A URI the driver could not parse is hidden whole.
     */
    String redact(String text) {
        String redacted = text.replace(value, "****");
        if (credential.isPresent()) {
            redacted = redacted.replace(new String(credential.get().getPassword()), "****");
        }
        java.util.regex.Matcher password = java.util.regex.Pattern.compile("^[^:/]+://[^:@/]*:([^@/]*)@").matcher(value);
        if (password.find() && !password.group(1).isEmpty()) {
            String raw = password.group(1);
            redacted = redacted.replace(raw, "****")
                    .replace(java.net.URLDecoder.decode(raw, java.nio.charset.StandardCharsets.UTF_8), "****");
        }
        return redacted;
    }

    @Override
    public String toString() {
        return "the connection URI from " + source;
    }
}
