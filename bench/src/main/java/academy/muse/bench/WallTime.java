package academy.muse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * How long one step of {@code make bench} took: {@code bench/run-all} appends a line
 * {@code <step>\t<seconds>\t<ok|failed>} per step to {@code bench/work/wall-times.tsv}, and the report shows them
 * with the total against the 20-minute budget.
 */
public record WallTime(String step, long seconds, String status) {

    /** What {@code make bench} may take on 2 cores (issue 13). */
    static final long BUDGET_SECONDS = 20 * 60;
    /** The line run-all writes just before the report, with the run's time so far. */
    static final String TOTAL = "total before the report";

    static List<WallTime> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        return Files.readAllLines(file).stream().map(line -> line.split("\t")).filter(parts -> parts.length == 3)
                .map(parts -> new WallTime(parts[0], Long.parseLong(parts[1].trim()), parts[2])).toList();
    }

    static long total(List<WallTime> times) {
        return times.stream().filter(time -> time.step().equals(TOTAL)).mapToLong(WallTime::seconds).findFirst()
                .orElseGet(() -> times.stream().mapToLong(WallTime::seconds).sum());
    }

    /** One line for the README: the total, and whether it is within the budget. */
    static String summary(List<WallTime> times) {
        long total = total(times);
        return String.format(Locale.ROOT, "Wall time of that `make bench`: %s (budget %s: %s).", minutes(total),
                minutes(BUDGET_SECONDS), total <= BUDGET_SECONDS ? "within" : "OVER");
    }

    static String section(List<WallTime> times) {
        StringBuilder section = new StringBuilder("## Wall time of this run\n\n")
                .append("Each step of `bench/run-all` (the build, each benchmark with its own start-up and baseline, ")
                .append("the footprint); the report itself adds a few seconds.\n\n")
                .append("| step | wall time | status |\n|---|---|---|\n");
        for (WallTime time : times) {
            String step = time.step().equals(TOTAL) ? "**" + TOTAL + "**" : time.step();
            section.append("| ").append(step).append(" | ").append(minutes(time.seconds())).append(" | ")
                    .append(time.status()).append(" |\n");
        }
        return section.append('\n').append(summary(times)).append("\n\n").toString();
    }

    private static String minutes(long seconds) {
        return String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
}
