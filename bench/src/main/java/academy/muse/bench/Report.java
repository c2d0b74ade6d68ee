package academy.muse.bench;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Gathers every benchmark of this run into {@code bench/results/<date>.md} and {@code <date>.json}, draws one
 * PNG per benchmark (figure beside baseline), appends the reports that benchmarks wrote in their own words, and
 * refreshes the table in {@code bench/README.md}.
 *
 * <p>Usage: {@code Report <repo root>}.
 */
public final class Report {

    private static final String TABLE_START = "<!-- latest figures: start (written by make bench) -->";
    private static final String TABLE_END = "<!-- latest figures: end -->";

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        Path results = root.resolve("bench/results");
        Files.createDirectories(results);
        String date = LocalDate.now().toString();
        List<BenchmarkResult> measured = readResults(root.resolve("bench/work/results"));

        StringBuilder report = new StringBuilder("# Benchmarks, " + date + "\n\n").append(Machine.describe()).append('\n');
        StringBuilder table = new StringBuilder("| benchmark | figure | median | spread | baseline | baseline median | ratio |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (BenchmarkResult result : measured) {
            String plot = date + "-" + result.benchmark() + ".png";
            drawPlot(result, results.resolve(plot));
            report.append("## ").append(result.benchmark()).append("\n\n").append(result.description()).append("\n\n")
                    .append("| figure | median | spread | baseline | baseline median | baseline spread | ratio |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (Figure figure : result.figures()) {
                report.append(String.format(Locale.ROOT, "| %s | %.2f %s | %.0f%% | %s | %.2f %s | %.0f%% | %.2f× |%n",
                        figure.name(), figure.median(), figure.unit(), figure.spreadPercent(), figure.baselineName(),
                        figure.baselineMedian(), figure.unit(), figure.baselineSpreadPercent(), figure.ratio()));
                table.append(String.format(Locale.ROOT, "| %s | %s | %.2f %s | %.0f%% | %s | %.2f %s | %.2f× |%n",
                        result.benchmark(), figure.name(), figure.median(), figure.unit(), figure.spreadPercent(),
                        figure.baselineName(), figure.baselineMedian(), figure.unit(), figure.ratio()));
            }
            report.append("\n![").append(result.benchmark()).append("](").append(plot).append(")\n\n");
        }
        for (Path own : ownReports(results, date)) {
            report.append("## ").append(own.getFileName()).append(" (the benchmark's own report)\n\n")
                    .append(Files.readString(own).replaceFirst("(?m)^# ", "### ")).append("\n\n");
        }
        List<WallTime> wallTimes = WallTime.read(root.resolve("bench/work/wall-times.tsv"));
        String budget = "";
        if (!wallTimes.isEmpty()) {
            report.append(WallTime.section(wallTimes));
            BenchmarkResult.JSON.writeValue(results.resolve(date + "-wall-times.json").toFile(), wallTimes);
            budget = WallTime.summary(wallTimes) + "\n\n";
        }
        Files.writeString(results.resolve(date + ".md"), report.toString());
        BenchmarkResult.JSON.writeValue(results.resolve(date + ".json").toFile(), measured);
        updateReadme(root.resolve("bench/README.md"), budget + table, date);
        System.out.println("bench/results/" + date + ".md written");
    }

    private static List<BenchmarkResult> readResults(Path directory) throws IOException {
        List<BenchmarkResult> results = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return results;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                results.add(BenchmarkResult.read(file));
            }
        }
        return results;
    }

    /** Reports that benchmarks wrote themselves today, e.g. {@code signaling-2026-11-28.md}. */
    private static List<Path> ownReports(Path results, String date) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            return files.filter(path -> path.getFileName().toString().endsWith("-" + date + ".md")).sorted().toList();
        }
    }

    private static void drawPlot(BenchmarkResult result, Path png) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
                .title(result.benchmark() + ": median of each figure beside its baseline")
                .xAxisTitle("figure").yAxisTitle("ratio to baseline (1 = baseline)").build();
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setXAxisLabelRotation(30);
        List<String> names = result.figures().stream().map(Figure::name).toList();
        chart.addSeries("measured / baseline", names, result.figures().stream().map(Figure::ratio).toList());
        chart.addSeries("baseline", names, result.figures().stream().map(figure -> 1.0).toList());
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void updateReadme(Path readme, String table, String date) throws IOException {
        String content = Files.exists(readme) ? Files.readString(readme) : "";
        String block = TABLE_START + "\nLatest run: " + date + " (full report: `bench/results/" + date + ".md`)\n\n"
                + table + TABLE_END;
        int start = content.indexOf(TABLE_START);
        int end = content.indexOf(TABLE_END);
        String updated = start >= 0 && end > start
                ? content.substring(0, start) + block + content.substring(end + TABLE_END.length())
                : content + "\n" + block + "\n";
        Files.writeString(readme, updated);
    }
}
