package academy.muse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make chart}: refreshes helm/services from the services' generated charts (hardened by
 * {@link ServiceChartHardening}), the umbrella's appVersion from the project version, packages the service charts into
 * the umbrella's charts/ when they changed (an unchanged chart keeps its archive: Helm's archives differ by timestamp
 * alone), copies turn/ into the umbrella's files/turn, then renders k8s/ from the umbrella.
 */
public final class GenerateCharts {

    private GenerateCharts() {
    }

    public static void main(String[] args) throws IOException {
        ChartSources sources = new ChartSources(Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize());
        for (String service : ChartSources.SERVICES.keySet().stream().sorted().toList()) {
            Path target = sources.committedServiceChart(service);
            deleteRecursively(target);
            for (Map.Entry<String, String> file : sources.expectedServiceChart(service).entrySet()) {
                Path destination = target.resolve(file.getKey());
                Files.createDirectories(destination.getParent());
                Files.writeString(destination, file.getValue());
            }
            System.out.println("helm/services/" + service + " refreshed");
        }
        Files.writeString(sources.umbrellaChartYaml(), sources.expectedUmbrellaChartYaml());
        System.out.println("helm/muse-academy/Chart.yaml: appVersion " + sources.projectVersion());
        if (ChartSources.SERVICES.keySet().stream().anyMatch(service -> !sources.vendoredChartIsCurrent(service))) {
            sources.buildDependencies();
            System.out.println("helm/muse-academy/charts packaged");
        }
        for (String file : ChartSources.TURN_FILES) {
            Path destination = sources.committedTurnFile(file);
            Files.createDirectories(destination.getParent());
            Files.writeString(destination, sources.expectedTurnFile(file));
        }
        System.out.println("helm/muse-academy/files/turn copied");
        Files.createDirectories(sources.committedK8sManifest().getParent());
        Files.writeString(sources.committedK8sManifest(), sources.expectedK8sManifest());
        System.out.println("k8s/muse-academy.yaml rendered");
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
