package academy.muse.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code make chart}: refreshes helm/services from the services' generated charts (hardened by
 * {@link ServiceChartHardening}), the umbrella's appVersion from the project version, then k8s/ from the umbrella.
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
