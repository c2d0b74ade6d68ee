package academy.muse.backup;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * What the tool was asked to do, parsed from its arguments. The connection URI is never among them: it holds the
 * administrator's password, and a command line is visible to every process on the node ({@link ConnectionUri}).
 */
sealed interface Command {

    String USAGE = """
            usage: backup dump --to <directory> --keep <n>
                   backup restore --from <archive> [--database <name>]
            The MongoDB connection URI is read from the environment variable MONGODB_URI, or from the file that
            MONGODB_URI_FILE names; MONGODB_USERNAME and MONGODB_PASSWORD, when set, are an administrator of the
            admin database (the URI then holds no credentials).""";

    /** One new archive of every database in {@code directory}, then only the newest {@code keep} archives kept. */
    record Dump(Path directory, int keep) implements Command {
        public Dump {
            if (keep < 1) {
                throw new UsageException("--keep must be at least 1, not " + keep);
            }
        }
    }

    /** Every collection of {@code archive} (or of one database of it) dropped and restored from the archive. */
    record Restore(Path archive, Optional<String> database) implements Command {
    }

    /** Arguments the tool cannot act on; the message says which, and {@link #USAGE} follows it. */
    final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Command parse(List<String> args) {
        Deque<String> rest = new ArrayDeque<>(args);
        String name = rest.pollFirst();
        if (name == null) {
            throw new UsageException("no command");
        }
        Options options = Options.read(rest);
        return switch (name) {
            case "dump" -> {
                options.onlyThese("--to", "--keep");
                yield new Dump(Path.of(options.required("--to")), options.integer("--keep"));
            }
            case "restore" -> {
                options.onlyThese("--from", "--database");
                yield new Restore(Path.of(options.required("--from")), options.optional("--database"));
            }
            default -> throw new UsageException("unknown command " + name);
        };
    }

    /** {@code --name value} pairs, each given at most once. */
    record Options(java.util.Map<String, String> values) {

        static Options read(Deque<String> args) {
            java.util.Map<String, String> values = new java.util.LinkedHashMap<>();
            while (!args.isEmpty()) {
                String option = args.pollFirst();
                String value = args.pollFirst();
                if (!option.startsWith("--") || value == null) {
                    throw new UsageException("expected --option value, got " + option);
                }
                if (values.put(option, value) != null) {
                    throw new UsageException(option + " given twice");
                }
            }
            return new Options(values);
        }

        void onlyThese(String... known) {
            List<String> allowed = List.of(known);
            values.keySet().stream().filter(option -> !allowed.contains(option)).findFirst().ifPresent(option -> {
                throw new UsageException("unknown option " + option);
            });
        }

        String required(String option) {
            return optional(option).orElseThrow(() -> new UsageException(option + " is required"));
        }

        Optional<String> optional(String option) {
            return Optional.ofNullable(values.get(option));
        }

        int integer(String option) {
            String value = required(option);
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " must be a number, not " + value);
            }
        }
    }
}
