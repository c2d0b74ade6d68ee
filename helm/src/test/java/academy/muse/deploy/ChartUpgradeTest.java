package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm upgrade} from the previous release: Kubernetes refuses to change some fields of a live object, and a
 * chart that changes one makes the upgrade fail half-way. The previous release's rendering is committed under
 * src/test/resources/releases (see its README); today's chart is rendered with the same values.
 */
class ChartUpgradeTest {

    private static final Path RELEASES = Path.of("src/test/resources/releases");

    @ParameterizedTest(name = "from {0} with its {1}")
    @CsvSource({"0.1.0, default-values.yaml, ", "0.1.0, home-cluster-values.yaml, home-cluster-values.yaml"})
    void upgradingFromThePreviousReleaseChangesNoImmutableField(String release, String rendering, String values)
            throws IOException {
        List<HasMetadata> before = previous(release, rendering);
        List<HasMetadata> after = Workloads.render(values == null ? null : Path.of(values));

        assertThat(before).as("the previous release's objects").isNotEmpty();
        assertThat(immutableFieldChanges(before, after)).isEmpty();
    }

    @Test
    void aChangedDeploymentSelectorIsCaught() throws IOException {
        List<HasMetadata> before = previous("0.1.0", "default-values.yaml");
        List<HasMetadata> after = copy(before);
        ChartRendering.named(after, io.fabric8.kubernetes.api.model.apps.Deployment.class, "rooms").getSpec().getSelector()
                .getMatchLabels().put("app.kubernetes.io/instance", "muse");

        assertThat(immutableFieldChanges(before, after)).containsExactly("Deployment/rooms: spec.selector changed");
    }

    @Test
    void aChangedVolumeClaimTemplateAndAShrunkClaimAreCaught() throws IOException {
        List<HasMetadata> before = previous("0.1.0", "home-cluster-values.yaml");
        List<HasMetadata> after = copy(before);
        ChartRendering.named(after, StatefulSet.class, "mongodb").getSpec().getVolumeClaimTemplates().get(0).getSpec()
                .setStorageClassName("longhorn");
        ChartRendering.named(after, PersistentVolumeClaim.class, "muse-media").getSpec().getResources().getRequests()
                .put("storage", new Quantity("1Gi"));

        assertThat(immutableFieldChanges(before, after)).containsExactlyInAnyOrder(
                "StatefulSet/mongodb: spec.volumeClaimTemplates changed",
                "PersistentVolumeClaim/muse-media: spec.resources.requests.storage shrank");
    }

    /** Each change Kubernetes would refuse on an object present in both renderings, as "Kind/name: what". */
    static List<String> immutableFieldChanges(List<HasMetadata> before, List<HasMetadata> after) {
        Map<String, HasMetadata> next = after.stream().collect(Collectors.toMap(Workloads::name, Function.identity()));
        List<String> changes = new ArrayList<>();
        for (HasMetadata old : before) {
            HasMetadata now = next.get(Workloads.name(old));
            if (now == null) {
                continue;
            }
            String name = Workloads.name(old);
            if (Workloads.selector(old) != null && !Objects.equals(Workloads.selector(old), Workloads.selector(now))) {
                changes.add(name + ": spec.selector changed");
            }
            if (old instanceof StatefulSet oldSet && now instanceof StatefulSet newSet) {
                changes.addAll(statefulSetChanges(name, oldSet.getSpec(), newSet.getSpec()));
            }
            if (old instanceof Job oldJob && now instanceof Job newJob && !isHook(oldJob) && !isHook(newJob)
                    && !Objects.equals(oldJob.getSpec().getTemplate(), newJob.getSpec().getTemplate())) {
                changes.add(name + ": spec.template of a Job changed");
            }
            if (old instanceof Service oldService && now instanceof Service newService) {
                changes.addAll(serviceChanges(name, oldService, newService));
            }
            if (old instanceof PersistentVolumeClaim oldClaim && now instanceof PersistentVolumeClaim newClaim) {
                changes.addAll(claimChanges(name, oldClaim.getSpec(), newClaim.getSpec()));
            }
        }
        return changes;
    }

    private static List<String> statefulSetChanges(String name, StatefulSetSpec old, StatefulSetSpec now) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(old.getServiceName(), now.getServiceName())) {
            changes.add(name + ": spec.serviceName changed");
        }
        if (!Objects.equals(old.getPodManagementPolicy(), now.getPodManagementPolicy())) {
            changes.add(name + ": spec.podManagementPolicy changed");
        }
        if (!Objects.equals(old.getVolumeClaimTemplates(), now.getVolumeClaimTemplates())) {
            changes.add(name + ": spec.volumeClaimTemplates changed");
        }
        return changes;
    }

    /** clusterIP is set once (None stays headless, an address stays that address); ExternalName has none at all. */
    private static List<String> serviceChanges(String name, Service old, Service now) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(old.getSpec().getClusterIP(), now.getSpec().getClusterIP())) {
            changes.add(name + ": spec.clusterIP changed");
        }
        boolean wasExternal = "ExternalName".equals(old.getSpec().getType());
        if (wasExternal != "ExternalName".equals(now.getSpec().getType())) {
            changes.add(name + ": spec.type changed to or from ExternalName");
        }
        return changes;
    }

    private static List<String> claimChanges(String name, PersistentVolumeClaimSpec old, PersistentVolumeClaimSpec now) {
        List<String> changes = new ArrayList<>();
        if (!Objects.equals(old.getStorageClassName(), now.getStorageClassName())) {
            changes.add(name + ": spec.storageClassName changed");
        }
        if (!Objects.equals(old.getAccessModes(), now.getAccessModes())) {
            changes.add(name + ": spec.accessModes changed");
        }
        if (!Objects.equals(old.getVolumeName(), now.getVolumeName())) {
            changes.add(name + ": spec.volumeName changed");
        }
        if (Quantity.getAmountInBytes(now.getResources().getRequests().get("storage"))
                .compareTo(Quantity.getAmountInBytes(old.getResources().getRequests().get("storage"))) < 0) {
            changes.add(name + ": spec.resources.requests.storage shrank");
        }
        return changes;
    }

    private static boolean isHook(HasMetadata object) {
        return object.getMetadata().getAnnotations() != null
                && object.getMetadata().getAnnotations().containsKey("helm.sh/hook");
    }

    private static List<HasMetadata> previous(String release, String rendering) throws IOException {
        return RenderedObjects.parse(Files.readString(RELEASES.resolve(release).resolve(rendering)));
    }

    private static List<HasMetadata> copy(List<HasMetadata> objects) {
        return objects.stream().map(object -> (HasMetadata) Serialization.clone(object)).toList();
    }
}
