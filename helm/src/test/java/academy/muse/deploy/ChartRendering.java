package academy.muse.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The umbrella chart as the committed tree holds it, rendered with real Helm (helm-java), hooks included.
 * <p>
 * helm-java's template leaves hook objects out, and its lookup asks a cluster that does not exist here. So the chart
 * is rendered from a copy whose hook annotations carry another key (turned back after parsing).
 */
final class ChartRendering {

    static final ChartSources SOURCES = new ChartSources(Path.of("..").toAbsolutePath().normalize());
    static final Path HOME_VALUES = Path.of("home-cluster-values.yaml").toAbsolutePath();
    static final String HOOK = "helm.sh/hook";
    private static final String HIDDEN_HOOK = "hook.test.muse.academy/hook";

    private ChartRendering() {
    }

    /** Every object an install would create, hooks included: with the values file (or none) and extra settings. */
    static List<HasMetadata> install(Path valuesFile, String... settings) {
        Path copy = copyWithVisibleHooks();
        try {
            List<HasMetadata> objects = RenderedObjects.parse(template(copy, valuesFile, settings));
            objects.forEach(ChartRendering::restoreHookAnnotations);
            return objects;
        } finally {
            deleteRecursively(copy);
        }
    }

    /** The chart rendered as helm-java renders it (without hooks), as text. */
    static String template(Path valuesFile, String... settings) {
        return template(SOURCES.umbrella(), valuesFile, settings);
    }

    static boolean isHook(HasMetadata object) {
        return object.getMetadata().getAnnotations() != null && object.getMetadata().getAnnotations().containsKey(HOOK);
    }

    static String annotation(HasMetadata object, String key) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(key);
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " named " + name));
    }

    private static String template(Path chart, Path valuesFile, String... settings) {
        TemplateCommand command = new Helm(chart).template().withName(ChartSources.RELEASE)
                .withNamespace(ChartSources.NAMESPACE);
        if (valuesFile != null) {
            command = command.withValuesFile(valuesFile);
        }
        for (String setting : settings) {
            int equals = setting.indexOf('=');
            command = command.set(setting.substring(0, equals), setting.substring(equals + 1));
        }
        return command.call();
    }

    private static void restoreHookAnnotations(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null) {
            return;
        }
        Map<String, String> restored = new HashMap<>();
        annotations.forEach((key, value) -> restored.put(key.startsWith(HIDDEN_HOOK)
                ? HOOK + key.substring(HIDDEN_HOOK.length()) : key, value));
        object.getMetadata().setAnnotations(restored);
    }

    private static Path copyWithVisibleHooks() {
        try {
            Path copy = Files.createTempDirectory("muse-chart");
            Path source = SOURCES.umbrella();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path target = copy.resolve(source.relativize(file).toString());
                    Files.createDirectories(target.getParent());
                    if (file.getParent().getFileName().toString().equals("templates")) {
                        Files.writeString(target, Files.readString(file).replace(HOOK, HIDDEN_HOOK));
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
