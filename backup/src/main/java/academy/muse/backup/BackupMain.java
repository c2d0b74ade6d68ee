package academy.muse.backup;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The entry point of the backup image: {@code dump} (the chart's CronJob) and {@code restore} (the procedure in
 * docs/home-cluster.md). Exit status 0 done, 1 failed (the reason on stderr), 2 bad arguments or environment.
 */
public final class BackupMain {

    private BackupMain() {
    }

    public static void main(String[] args) {
        // Without SLF4J the driver logs nothing but a warning saying so; its errors reach us as exceptions.
        Logger.getLogger("org.mongodb.driver").setLevel(Level.SEVERE);
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Command command;
        ConnectionUri uri;
        try {
            command = Command.parse(args);
            uri = ConnectionUri.from(environment);
        } catch (Command.UsageException e) {
            err.println(e.getMessage());
            err.println(Command.USAGE);
            return 2;
        }
        try (MongoClient client = MongoClients.create(settings(uri))) {
            if (command instanceof Command.Dump dump) {
                new Dumper(client, Clock.systemUTC(), out).dump(dump);
            } else if (command instanceof Command.Restore restore) {
                new Restorer(client, out).restore(restore);
            }
            return 0;
        } catch (Exception e) {
            // Driver messages name hosts and users, not passwords; the URI is redacted anyway, in case one quotes it.
            err.println("backup " + args.get(0) + " failed: " + uri.redact(describe(e)));
            return 1;
        }
    }

    private static MongoClientSettings settings(ConnectionUri uri) {
        ConnectionString connection = new ConnectionString(uri.value());
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connection);
        if (connection.getApplicationName() == null) {
            settings.applicationName("muse-backup");
        }
        uri.credential().ifPresent(settings::credential);
        return settings.build();
    }

    private static String describe(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append("; caused by ").append(cause);
        }
        return text.toString();
    }
}
