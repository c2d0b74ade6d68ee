package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static academy.muse.deploy.ChartRendering.SOURCES;
import static academy.muse.deploy.ChartRendering.named;
import static academy.muse.deploy.Workloads.podTemplate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The six services' Deployments as the umbrella renders them: what each pod can read and write when it runs as uid
 * 185 on a read-only root filesystem, how it starts and stops, and what an operator can set per service.
 */
class ServiceDeploymentsTest {

    private static final long USER = 185;

    private static List<HasMetadata> defaults;

    @BeforeAll
    static void render() {
        defaults = Workloads.render(null);
    }

    @Test
    void everyServiceReadsOnlyItsOwnPrivateKeysThroughItsGroupAndEveryPublicCertificate() {
        for (String service : ChartSources.SERVICES.keySet()) {
            PodSpec pod = pod(service);
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(USER);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(USER);
            // A 0600 file belongs to root (the kubelet writes it): uid 185 reads it only as group fsGroup, mode g+r.
            assertThat(pod.getSecurityContext().getFsGroup()).isEqualTo(USER);

            Volume privateKeys = mountedAt(pod, service, "/keys/private");
            assertThat(privateKeys.getSecret().getSecretName()).isEqualTo("muse-" + service + "-keys");
            assertThat(privateKeys.getSecret().getDefaultMode() & 0040).as("%s: group may read its keys", service)
                    .isEqualTo(0040);
            assertThat(privateKeys.getSecret().getDefaultMode() & 0007).as("%s: others may not", service).isZero();
            assertThat(mountedAt(pod, service, "/keys/public").getConfigMap().getName()).isEqualTo("muse-public-keys");
            assertThat(container(service).getEnvFrom()).extracting(source -> source.getConfigMapRef() != null
                            ? source.getConfigMapRef().getName() : source.getSecretRef().getName())
                    .containsExactly("muse-config", "muse-" + service + "-env");
            assertThat(env(service)).containsEntry("MUSE_KEYS_DIRECTORY", "/keys");
        }
        Volume playbackKey = mountedAt(pod("vod"), "vod", "/keys/vod");
        assertThat(playbackKey.getSecret().getSecretName()).isEqualTo("muse-vod-keys");
        assertThat(playbackKey.getSecret().getItems()).extracting(item -> item.getKey()).containsExactly("vod-media-key");
        assertThat(mountedAt(pod("vod"), "vod", "/keys/private").getSecret().getItems())
                .extracting(item -> item.getKey()).containsExactly("service-vod.pem");
    }

    @Test
    void everyServiceWritesOnlyToItsEmptyDirsAndVodKeepsFfmpegAndItsJobsThere() {
        for (String service : ChartSources.SERVICES.keySet()) {
            assertThat(container(service).getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(mountedAt(pod(service), service, "/tmp").getEmptyDir()).as("%s: /tmp", service).isNotNull();
        }
        Map<String, String> vod = env("vod");
        assertThat(mountedAt(pod("vod"), "vod", "/work").getEmptyDir()).isNotNull();
        assertThat(vod.get("MUSE_VOD_WORKER_WORK_DIRECTORY")).startsWith("/work");
        assertThat(vod.get("MUSE_VOD_TOOLS_CACHE_DIRECTORY")).startsWith("/tmp/");
        assertThat(vod.get("MUSE_VOD_PLAYBACK_KEY_FILE")).isEqualTo("/keys/vod/vod-media-key");
    }

    @Test
    void recordingsAndVodMountTheMediaClaimOnlyWhenMediaIsAFilesystem() {
        for (String service : List.of("recordings", "vod")) {
            assertThat(mountedAt(pod(service), service, "/media").getPersistentVolumeClaim().getClaimName())
                    .isEqualTo("muse-media");
        }
        List<HasMetadata> s3 = Workloads.render(null, "global.media.kind", "s3",
                "media.s3.endpoint", "https://s3.example.org");
        assertThat(s3).as("the release creates no media claim with S3 media").noneMatch(object ->
                object instanceof PersistentVolumeClaim && object.getMetadata().getName().equals("muse-media"));
        for (HasMetadata object : s3) {
            if (podTemplate(object) != null) {
                PodSpec pod = podTemplate(object).getSpec();
                assertThat(pod.getVolumes()).as("%s with S3 media", Workloads.name(object))
                        .noneMatch(volume -> volume.getPersistentVolumeClaim() != null
                                && volume.getPersistentVolumeClaim().getClaimName().equals("muse-media"));
                assertThat(Workloads.allContainers(pod)).flatExtracting(Container::getVolumeMounts)
                        .extracting(VolumeMount::getMountPath).doesNotContain("/media");
            }
        }
    }

    /**
     * An operator switches media to S3 with the one switch, global.media.kind. A pod that mounts a claim the release
     * does not create stays Pending for ever, so every claim a pod mounts must be one the release renders.
     */
    @Test
    void withS3MediaNoPodMountsAClaimTheReleaseDoesNotCreate() {
        List<HasMetadata> s3 = Workloads.render(null, "global.media.kind", "s3", "media.s3.endpoint", "https://s3.example.org");
        List<String> claims = s3.stream().filter(PersistentVolumeClaim.class::isInstance)
                .map(claim -> claim.getMetadata().getName()).toList();
        List<String> missing = s3.stream().filter(object -> podTemplate(object) != null
                        && podTemplate(object).getSpec().getVolumes() != null)
                .flatMap(object -> podTemplate(object).getSpec().getVolumes().stream()
                        .filter(volume -> volume.getPersistentVolumeClaim() != null)
                        .map(volume -> volume.getPersistentVolumeClaim().getClaimName())
                        .filter(claim -> !claims.contains(claim))
                        .map(claim -> Workloads.name(object) + " mounts the claim " + claim + ", which the release does not create"))
                .toList();
        assertThat(missing).isEmpty();
    }

    @Test
    void aStoppingPodLeavesTheServiceBeforeSigtermAndQuarkusFinishesWithinTheGracePeriod() throws Exception {
        Properties shared = new Properties();
        try (var in = Files.newInputStream(SOURCES.umbrella().resolve(
                "../../platform/service/src/main/resources/META-INF/microprofile-config.properties"))) {
            shared.load(in);
        }
        long shutdown = Duration.parse("PT" + shared.getProperty("quarkus.shutdown.timeout").toUpperCase()).toSeconds();
        assertThat(shutdown).isPositive();
        for (String service : ChartSources.SERVICES.keySet()) {
            long preStop = container(service).getLifecycle().getPreStop().getSleep().getSeconds();
            assertThat(preStop).as("%s: endpoints are removed before SIGTERM", service).isGreaterThanOrEqualTo(5);
            assertThat(pod(service).getTerminationGracePeriodSeconds()).as("%s: grace", service)
                    .isGreaterThan(preStop + shutdown);
        }
    }

    @Test
    void eightJvmsStartingTogetherOnSmallNodesHaveTwoAndAHalfMinutesBeforeARestart() {
        for (String service : ChartSources.SERVICES.keySet()) {
            var startup = container(service).getStartupProbe();
            assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds() + startup.getInitialDelaySeconds())
                    .as("%s: startup budget in seconds", service).isGreaterThanOrEqualTo(150);
        }
    }

    @Test
    void podsSpreadOverNodesRunOnAmd64AndUseAnAccountWithoutAToken() {
        for (String service : ChartSources.SERVICES.keySet()) {
            PodSpec pod = pod(service);
            assertThat(pod.getTopologySpreadConstraints()).singleElement().satisfies(spread -> {
                assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                assertThat(spread.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
                assertThat(Workloads.selects(spread.getLabelSelector().getMatchLabels(),
                        named(defaults, Deployment.class, service).getSpec().getTemplate())).isTrue();
            });
            assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(named(defaults, io.fabric8.kubernetes.api.model.ServiceAccount.class, pod.getServiceAccountName())
                    .getAutomountServiceAccountToken()).isFalse();
        }
    }

    @Test
    void replicasResourcesAndNodeSelectionAreValuesPerService() {
        List<HasMetadata> objects = Workloads.render(null, "signaling.app.replicas", "3",
                "vod.app.resources.limits.memory", "2Gi", "recordings.app.nodeSelector.muse\\.academy/media", "true");

        assertThat(named(objects, Deployment.class, "signaling").getSpec().getReplicas()).isEqualTo(3);
        assertThat(named(objects, Deployment.class, "vod").getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources().getLimits().get("memory").toString()).isEqualTo("2Gi");
        assertThat(named(objects, Deployment.class, "recordings").getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("muse.academy/media", "true");
        assertThat(named(objects, Deployment.class, "rooms").getSpec().getReplicas()).isEqualTo(1);
    }

    @Test
    void theGatewayFindsTheReadySignalingReplicasThroughAHeadlessServiceSoThatEachRoomMeetsOnOne() {
        io.fabric8.kubernetes.api.model.Service replicas =
                named(defaults, io.fabric8.kubernetes.api.model.Service.class, "signaling-replicas");
        assertThat(replicas.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(replicas.getSpec().getPublishNotReadyAddresses()).isFalse();
        Map<String, String> signalingPods = named(defaults, Deployment.class, "signaling").getSpec().getTemplate()
                .getMetadata().getLabels();
        assertThat(signalingPods).containsAllEntriesOf(replicas.getSpec().getSelector());
        int signalingPort = container("signaling").getPorts().stream().filter(port -> "http".equals(port.getName()))
                .findFirst().orElseThrow().getContainerPort();
        assertThat(replicas.getSpec().getPorts()).singleElement().satisfies(port ->
                assertThat(port.getPort()).isEqualTo(signalingPort));

        io.fabric8.kubernetes.api.model.ConfigMap config =
                named(defaults, io.fabric8.kubernetes.api.model.ConfigMap.class, "muse-config");
        assertThat(config.getData()).containsEntry("SIGNALING_REPLICAS_SERVICE", "signaling-replicas");
    }

    private static PodSpec pod(String service) {
        return named(defaults, Deployment.class, service).getSpec().getTemplate().getSpec();
    }

    private static Container container(String service) {
        return pod(service).getContainers().get(0);
    }

    private static Map<String, String> env(String service) {
        return container(service).getEnv().stream().filter(env -> env.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    /** The volume the service's container mounts at this path. */
    private static Volume mountedAt(PodSpec pod, String service, String path) {
        String volume = container(service).getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(path))
                .findFirst().orElseThrow(() -> new AssertionError(service + " mounts nothing at " + path)).getName();
        return pod.getVolumes().stream().filter(candidate -> candidate.getName().equals(volume)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no volume " + volume));
    }
}
