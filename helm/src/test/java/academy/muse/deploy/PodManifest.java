package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rendered chart as the pod run needs it: the workloads (one pod each), and the Secrets, ConfigMaps and
 * Services their pods refer to. Hook objects are included: Helm creates them before the release's pods.
 */
final class PodManifest {

    /** A workload's pod: its name as a StatefulSet or Deployment would give it, and its template's labels. */
    record Workload(String kind, String name, String podName, int replicas, Map<String, String> labels, PodSpec spec) {
    }

    private final List<HasMetadata> objects;

    PodManifest(List<HasMetadata> objects) {
        this.objects = objects;
    }

    List<Workload> workloads() {
        List<Workload> workloads = new ArrayList<>();
        for (HasMetadata object : objects) {
            String name = object.getMetadata().getName();
            if (object instanceof Deployment deployment) {
                workloads.add(new Workload("Deployment", name, name, replicas(deployment.getSpec().getReplicas()), deployment.getSpec().getTemplate().getMetadata()
                        .getLabels(), deployment.getSpec().getTemplate().getSpec()));
            } else if (object instanceof StatefulSet statefulSet) {
                workloads.add(new Workload("StatefulSet", name, name + "-0", replicas(statefulSet.getSpec().getReplicas()), statefulSet.getSpec().getTemplate()
                        .getMetadata().getLabels(), statefulSet.getSpec().getTemplate().getSpec()));
            } else if (object instanceof DaemonSet daemonSet) {
                workloads.add(new Workload("DaemonSet", name, name, 1, daemonSet.getSpec().getTemplate().getMetadata()
                        .getLabels(), daemonSet.getSpec().getTemplate().getSpec()));
            }
        }
        return workloads;
    }

    /** The pod {@code kubectl create job --from=cronjob/<name> <name>-now} starts (the run starts it on its own). */
    Optional<Workload> cronJobRun(String name) {
        return find(io.fabric8.kubernetes.api.model.batch.v1.CronJob.class, name).map(cronJob -> jobPod("CronJob", name,
                name + "-now", cronJob.getSpec().getJobTemplate().getSpec().getTemplate()));
    }

    /** A Job's one pod (a Job has no replicas; its pod runs to completion). */
    static Workload jobPod(String kind, String name, String podName, io.fabric8.kubernetes.api.model.PodTemplateSpec template) {
        return new Workload(kind, name, podName, 1, template.getMetadata().getLabels(), template.getSpec());
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    List<Service> services() {
        return objects.stream().filter(Service.class::isInstance).map(Service.class::cast).toList();
    }

    /** A Secret's files as Kubernetes stores them (data is base64; stringData is plain). */
    Optional<Map<String, byte[]>> secret(String name) {
        return find(Secret.class, name).map(secret -> {
            Map<String, byte[]> data = new LinkedHashMap<>();
            if (secret.getData() != null) {
                secret.getData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
            }
            if (secret.getStringData() != null) {
                secret.getStringData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
            }
            return data;
        });
    }

    Optional<Map<String, byte[]>> configMap(String name) {
        return find(ConfigMap.class, name).map(configMap -> {
            Map<String, byte[]> data = new LinkedHashMap<>();
            if (configMap.getData() != null) {
                configMap.getData().forEach((key, value) -> data.put(key, value.getBytes(StandardCharsets.UTF_8)));
            }
            if (configMap.getBinaryData() != null) {
                configMap.getBinaryData().forEach((key, value) -> data.put(key, Base64.getDecoder().decode(value)));
            }
            return data;
        });
    }

    /** Whether something in the chart (a cert-manager Certificate) would create this Secret on the cluster. */
    boolean certificateCreates(String secretName) {
        return objects.stream().filter(object -> object.getKind().equals("Certificate"))
                .map(Serialization::asJson)
                .anyMatch(json -> json.contains("\"secretName\":\"" + secretName + "\""));
    }

    private <T extends HasMetadata> Optional<T> find(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(object -> object.getMetadata().getName().equals(name)).findFirst();
    }
}
