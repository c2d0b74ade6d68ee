package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the chart tests ask of the workloads of an install ({@link ChartRendering} renders it). */
final class Workloads {

    private Workloads() {
    }

    /**
     * Every object an install creates, hook Jobs, CronJobs and hook Secrets included ({@link ChartRendering#install}):
     * its defaults, or with a values file (null for none) and --set pairs.
     */
    static List<HasMetadata> render(Path valuesFile, String... keysAndValues) {
        String[] settings = new String[keysAndValues.length / 2];
        for (int i = 0; i < settings.length; i++) {
            settings[i] = keysAndValues[2 * i] + "=" + keysAndValues[2 * i + 1];
        }
        return ChartRendering.install(valuesFile == null ? null : valuesFile.toAbsolutePath(), settings);
    }

    static String name(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** The pod template of a Deployment, StatefulSet, DaemonSet, Job or CronJob; null for any other object. */
    static PodTemplateSpec podTemplate(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return deployment.getSpec().getTemplate();
        }
        if (object instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getTemplate();
        }
        if (object instanceof DaemonSet daemonSet) {
            return daemonSet.getSpec().getTemplate();
        }
        if (object instanceof Job job) {
            return job.getSpec().getTemplate();
        }
        if (object instanceof CronJob cronJob) {
            return cronJob.getSpec().getJobTemplate().getSpec().getTemplate();
        }
        return null;
    }

    /** The selector of a Deployment, StatefulSet or DaemonSet (the workloads that keep pods running); else null. */
    static LabelSelector selector(HasMetadata object) {
        if (object instanceof Deployment deployment) {
            return deployment.getSpec().getSelector();
        }
        if (object instanceof StatefulSet statefulSet) {
            return statefulSet.getSpec().getSelector();
        }
        if (object instanceof DaemonSet daemonSet) {
            return daemonSet.getSpec().getSelector();
        }
        return null;
    }

    static boolean selects(Map<String, String> matchLabels, PodTemplateSpec pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(matchLabels.entrySet());
    }

    static List<Container> initContainers(PodSpec pod) {
        return pod.getInitContainers() == null ? List.of() : pod.getInitContainers();
    }

    static List<Container> allContainers(PodSpec pod) {
        return Stream.concat(pod.getContainers().stream(), initContainers(pod).stream()).toList();
    }

    static Stream<String> referencedSecrets(Container container, PodSpec pod) {
        Stream<String> fromEnv = container.getEnv() == null ? Stream.empty() : container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(env -> env.getValueFrom().getSecretKeyRef().getName());
        Stream<String> fromEnvFrom = container.getEnvFrom() == null ? Stream.empty() : container.getEnvFrom().stream()
                .filter(source -> source.getSecretRef() != null).map(source -> source.getSecretRef().getName());
        Stream<String> fromVolumes = pod.getVolumes() == null ? Stream.empty() : pod.getVolumes().stream()
                .filter(volume -> volume.getSecret() != null).map(volume -> volume.getSecret().getSecretName());
        Stream<String> fromProjections = pod.getVolumes() == null ? Stream.empty() : pod.getVolumes().stream()
                .filter(volume -> volume.getProjected() != null)
                .flatMap(volume -> volume.getProjected().getSources().stream())
                .filter(source -> source.getSecret() != null).map(source -> source.getSecret().getName());
        return Stream.of(fromEnv, fromEnvFrom, fromVolumes, fromProjections).flatMap(stream -> stream);
    }

    static Stream<String> referencedConfigMaps(Container container, PodSpec pod) {
        Stream<String> fromEnv = container.getEnv() == null ? Stream.empty() : container.getEnv().stream()
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null)
                .map(env -> env.getValueFrom().getConfigMapKeyRef().getName());
        Stream<String> fromEnvFrom = container.getEnvFrom() == null ? Stream.empty() : container.getEnvFrom().stream()
                .filter(source -> source.getConfigMapRef() != null).map(source -> source.getConfigMapRef().getName());
        Stream<String> fromVolumes = pod.getVolumes() == null ? Stream.empty() : pod.getVolumes().stream()
                .filter(volume -> volume.getConfigMap() != null).map(volume -> volume.getConfigMap().getName());
        return Stream.of(fromEnv, fromEnvFrom, fromVolumes).flatMap(stream -> stream);
    }
}
