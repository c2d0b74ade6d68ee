package academy.muse.deploy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static academy.muse.deploy.Workloads.allContainers;
import static academy.muse.deploy.Workloads.named;
import static academy.muse.deploy.Workloads.podTemplate;
import static academy.muse.deploy.Workloads.referencedConfigMaps;
import static academy.muse.deploy.Workloads.referencedSecrets;
import static academy.muse.deploy.Workloads.template;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The umbrella chart with real Helm (helm-java embeds Helm 3): what an operator's {@code helm install} would render,
 * checked object by object. Nothing here proves the chart installs on a cluster; docs/home-cluster.md says what
 * an operator checks there.
 */
class HelmChartTest {

    private static final ChartSources SOURCES = Workloads.SOURCES;
    private static final Path HOME_VALUES = Workloads.HOME_VALUES;
    /**
     * Secrets not in the rendered manifest: signing keys (created with make keys), certificates (cert-manager), and
     * muse-secrets and muse-vod-keys, which the chart creates in a pre-install hook (Helm's template output leaves
     * hooks out).
     */
    private static final Set<String> SECRETS_NOT_IN_MANIFEST = Set.of("muse-keys", "muse-academy-tls", "muse-turn-tls",
            "muse-secrets", "muse-vod-keys", "muse-gateway-keys", "muse-scheduling-keys", "muse-rooms-keys",
            "muse-signaling-keys", "muse-recordings-keys", "muse-gateway-env", "muse-scheduling-env", "muse-rooms-env",
            "muse-signaling-env", "muse-recordings-env", "muse-vod-env");
    /** The public halves of the signing keys, generated with them in the same hook (the BRIEF's key layout). */
    private static final Set<String> CONFIG_MAPS_NOT_IN_MANIFEST = Set.of("muse-public-keys");

    @BeforeAll
    static void buildDependencies() {
        SOURCES.buildDependencies();
    }

    @Test
    void theCommittedServiceChartsAreWhatQuarkusGeneratesToday() {
        for (String service : ChartSources.SERVICES.keySet()) {
            assertThat(linesOf(SOURCES.committedServiceChart(service, true)))
                    .as("helm/services/%s is out of date: run make chart", service)
                    .isEqualTo(linesOf(SOURCES.expectedServiceChart(service)));
        }
    }

    /**
     * Each file as its sorted lines: quarkus-kubernetes writes the same labels in a different order from one
     * build to the next, which changes nothing; any added, removed or changed line still shows.
     */
    private static Map<String, List<String>> linesOf(Map<String, String> files) {
        Map<String, List<String>> lines = new java.util.TreeMap<>();
        files.forEach((file, content) -> lines.put(file, content.lines().map(String::stripTrailing)
                .filter(line -> !line.isEmpty()).sorted().toList()));
        return lines;
    }

    @Test
    void theCommittedK8sManifestIsTheChartRenderedWithItsDefaults() throws Exception {
        assertThat(java.nio.file.Files.readString(SOURCES.committedK8sManifest()))
                .as("k8s/muse-academy.yaml is out of date: run make chart")
                .isEqualTo(SOURCES.expectedK8sManifest());
    }

    @Test
    void theUmbrellaAndEverySubchartPassStrictLint() {
        assertLintClean(SOURCES.umbrella());
        for (String service : ChartSources.SERVICES.keySet()) {
            assertLintClean(SOURCES.committedServiceChart(service));
        }
    }

    @Test
    void theDefaultValuesRenderAWholeValidInstallation() {
        checkInstallation(RenderedObjects.parse(template(null)));
    }

    @Test
    void theHomeClusterValuesRenderAWholeValidInstallation() {
        List<HasMetadata> objects = RenderedObjects.parse(template(HOME_VALUES));
        checkInstallation(objects);

        StatefulSet mongodb = named(objects, StatefulSet.class, "mongodb");
        assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
        assertThat(mongodb.getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()).isNotEmpty();
        assertThat(mongodb.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).contains("--replSet");
        assertThat(named(objects, Job.class, "mongodb-replica-set-init")).isNotNull();
        assertThat(configData(objects).get("MONGODB_URI")).contains("replicaSet=rs0").contains("mongodb-2.mongodb");
    }

    @Test
    void onlyVodMountsThePlaybackKeyAndTheChartGeneratesIt() throws Exception {
        List<HasMetadata> objects = RenderedObjects.parse(template(null));

        for (HasMetadata object : objects) {
            PodTemplateSpec pod = podTemplate(object);
            if (pod == null) {
                continue;
            }
            boolean mounts = allContainers(pod.getSpec()).stream()
                    .anyMatch(container -> referencedSecrets(container, pod.getSpec()).anyMatch("muse-vod-keys"::equals));
            assertThat(mounts).as("%s/%s mounts muse-vod-keys", object.getKind(), object.getMetadata().getName())
                    .isEqualTo(object instanceof Deployment && object.getMetadata().getName().equals("vod"));
        }
        Container vod = named(objects, Deployment.class, "vod").getSpec().getTemplate().getSpec().getContainers().get(0);
        String keyMount = vod.getVolumeMounts().stream().filter(mount -> mount.getName().equals("vod-keys"))
                .findFirst().orElseThrow().getMountPath();
        assertThat(vod.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("MUSE_VOD_PLAYBACK_KEY_FILE");
            assertThat(env.getValue()).isEqualTo(keyMount + "/vod-media-key");
        });
        // helm-java renders no hooks, so the generated Secret is checked in its template.
        String secrets = java.nio.file.Files.readString(SOURCES.umbrella().resolve("templates/config.yaml"));
        assertThat(secrets.substring(secrets.indexOf("name: muse-vod-keys")))
                .contains("helm.sh/hook: pre-install", "helm.sh/resource-policy: keep",
                        "vod-media-key: {{ randAlphaNum 64 | b64enc }}");
        assertThat(java.nio.file.Files.readString(SOURCES.committedK8sManifest())).as("k8s/ carries no secret")
                .doesNotContain("kind: Secret");
    }

    @Test
    void badValuesAreRefusedByTheSchema() {
        assertThatThrownBy(() -> templateWith("coturn.externalIp", "my-router")).hasMessageContaining("externalIp");
        assertThatThrownBy(() -> templateWith("mongodb.replicas", "2")).hasMessageContaining("replicas");
        assertThatThrownBy(() -> templateWith("rooms.app.image", "muse/rooms:latest")).hasMessageContaining("image");
        assertThatThrownBy(() -> templateWith("media.kind", "ftp")).hasMessageContaining("kind");
        assertThatThrownBy(() -> templateWith("publicHostname", "typo.example")).hasMessageContaining("publicHostname");
    }

    private static void checkInstallation(List<HasMetadata> objects) {
        Set<String> secrets = new HashSet<>(SECRETS_NOT_IN_MANIFEST);
        objects.stream().filter(Secret.class::isInstance).forEach(secret -> secrets.add(secret.getMetadata().getName()));
        Set<String> configMaps = new HashSet<>(CONFIG_MAPS_NOT_IN_MANIFEST);
        objects.stream().filter(ConfigMap.class::isInstance).forEach(map -> configMaps.add(map.getMetadata().getName()));

        assertThat(objects).extracting(object -> object.getMetadata().getName())
                .contains("gateway", "scheduling", "rooms", "signaling", "recordings", "vod", "mongodb", "artemis", "coturn");
        for (HasMetadata object : objects) {
            PodTemplateSpec pod = podTemplate(object);
            if (pod == null) {
                continue;
            }
            String name = object.getKind() + "/" + object.getMetadata().getName();
            if (Workloads.selector(object) != null) {
                assertThat(pod.getMetadata().getLabels()).as("%s: selector matches its pods", name)
                        .containsAllEntriesOf(Workloads.selector(object).getMatchLabels());
            }
            for (Container container : allContainers(pod.getSpec())) {
                assertThat(container.getImage()).as("%s: image has a tag and is not latest", name)
                        .matches(".*:[0-9A-Za-z._-]+$").doesNotEndWith(":latest");
                assertThat(container.getResources()).as("%s: resources", name).isNotNull();
                assertThat(container.getResources().getRequests()).as("%s: requests", name).isNotEmpty();
                assertThat(container.getResources().getLimits()).as("%s: limits", name).isNotEmpty();
                referencedSecrets(container, pod.getSpec()).forEach(secret ->
                        assertThat(secrets).as("%s references Secret %s", name, secret).contains(secret));
                referencedConfigMaps(container, pod.getSpec()).forEach(map ->
                        assertThat(configMaps).as("%s references ConfigMap %s", name, map).contains(map));
            }
        }
        for (String service : ChartSources.SERVICES.keySet()) {
            Container container = named(objects, Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        }
        for (HasMetadata object : objects) {
            if (object instanceof Service service && service.getSpec().getSelector() != null) {
                assertThat(objects.stream().map(Workloads::podTemplate).filter(java.util.Objects::nonNull)
                        .anyMatch(pod -> pod.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet())))
                        .as("Service %s selects some pods", service.getMetadata().getName()).isTrue();
            }
        }
        Deployment coturn = named(objects, Deployment.class, "coturn");
        assertThat(coturn.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        assertThat(coturn.getSpec().getTemplate().getSpec().getNodeSelector()).containsKey("muse.academy/media");
        assertThat(coturn.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        Ingress ingress = named(objects, Ingress.class, "muse-academy");
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName())
                .isEqualTo("gateway");
    }

    private static void assertLintClean(Path chart) {
        LintResult result = new Helm(chart).lint().strict().call();
        assertThat(result.isFailed()).as("helm lint --strict %s: %s", chart, result.getMessages()).isFalse();
    }

    private static String templateWith(String key, String value) {
        return template(null, key, value);
    }

    private static Map<String, String> configData(List<HasMetadata> objects) {
        return named(objects, ConfigMap.class, "muse-config").getData();
    }
}
