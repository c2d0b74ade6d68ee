package academy.muse.bench;

import java.util.Arrays;
import java.util.List;

/**
 * One measured figure beside its baseline, both measured in the same run so that their ratio holds on a
 * noisy machine.
 *
 * @param lowerIsBetter true for times and memory, false for rates
 */
public record Figure(String name, String unit, List<Double> values, String baselineName, List<Double> baselineValues,
                     boolean lowerIsBetter) {

    public double median() {
        return median(values);
    }

    public double baselineMedian() {
        return median(baselineValues);
    }

    /** Spread as (max - min) / median, in percent. */
    public double spreadPercent() {
        return spread(values);
    }

    public double baselineSpreadPercent() {
        return spread(baselineValues);
    }

    /** This figure's median over the baseline's. */
    public double ratio() {
        return median() / baselineMedian();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double spread(List<Double> values) {
        double median = median(values);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        return median == 0 ? 0 : 100 * (max - min) / median;
    }

    @Override
    public String toString() {
        return name + " " + Arrays.toString(values.toArray()) + " vs " + baselineName;
    }
}
