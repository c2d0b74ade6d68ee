package academy.muse.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static academy.muse.deploy.ChartRendering.SOURCES;
import static academy.muse.deploy.Workloads.allContainers;
import static academy.muse.deploy.Workloads.initContainers;
import static academy.muse.deploy.Workloads.name;
import static academy.muse.deploy.Workloads.podTemplate;
import static academy.muse.deploy.Workloads.referencedSecrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules every rendered object obeys, with the chart's defaults and with the home cluster's values (issue 17):
 * restricted containers, resources and probes, our images tagged with the appVersion, no CIDR in coturn's peer
 * rules, each Secret only where it is used, a disruption budget per Deployment and the release labels everywhere.
 * Each rule names the objects that break it.
 */
class ChartPolicyTest {

    /**
     * The only exceptions to "drop ALL, add nothing": workload/container → the capabilities it may add, and why.
     * Keep this short; every line is a reason a reviewer has accepted.
     */
    private static final Map<String, Set<String>> ADDED_CAPABILITIES_ALLOWED = Map.of(
            // coturn listens for TURN over TLS on 443 on the media node's host network when that node has an
            // address of its own; binding below 1024 as uid != 0 needs this one capability and nothing else.
            "Deployment/coturn/coturn", Set.of("NET_BIND_SERVICE"));

    /**
     * Which workloads may reference each Secret (mount, envFrom or env): a service's keys and credentials reach
     * that service alone, the TURN secret rooms (through its env Secret) and coturn, the database's credentials
     * the database and its own Jobs. A Secret missing here is a failure: add its row and say who needs it.
     */
    private static final Map<String, Set<String>> SECRET_USERS = secretUsers();

    private static final String OUR_IMAGES = "/muse-academy/";

    private static final Map<String, List<HasMetadata>> RENDERINGS = new TreeMap<>();

    @BeforeAll
    static void render() {
        RENDERINGS.put("default values", Workloads.render(null));
        RENDERINGS.put("home values", Workloads.render(ChartRendering.HOME_VALUES));
    }

    static Stream<Arguments> renderings() {
        return Stream.of(Arguments.of("default values"), Arguments.of("home values"));
    }

    /** One test per workload and values file, so that a failure names the workload (and so its owner). */
    @TestFactory
    Stream<DynamicTest> everyWorkloadRunsRestrictedWithResourcesAndProbes() {
        return RENDERINGS.entrySet().stream().flatMap(rendering -> rendering.getValue().stream()
                .filter(object -> podTemplate(object) != null)
                .map(workload -> DynamicTest.dynamicTest(name(workload) + " with the " + rendering.getKey()
                        + " runs restricted, with resources and probes", () -> assertThat(violations(workload))
                        .as("%s (%s)", name(workload), rendering.getKey()).isEmpty())));
    }

    @ParameterizedTest(name = "with the {0}")
    @MethodSource("renderings")
    void everyImageOfOursIsTaggedWithTheChartsAppVersion(String values) throws Exception {
        String appVersion = appVersion();
        List<String> images = RENDERINGS.get(values).stream().map(Workloads::podTemplate).filter(Objects::nonNull)
                .flatMap(pod -> allContainers(pod.getSpec()).stream()).map(Container::getImage)
                .filter(image -> image.contains(OUR_IMAGES)).toList();

        assertThat(images).as("our images").hasSizeGreaterThanOrEqualTo(ChartSources.SERVICES.size())
                .allSatisfy(image -> assertThat(image).endsWith(":" + appVersion));
    }

    @Test
    void theChartsAppVersionIsTheProjectVersionTheImagesAreBuiltWith() throws Exception {
        assertThat(appVersion()).as("helm/muse-academy/Chart.yaml appVersion (make chart writes it)")
                .isEqualTo(SOURCES.projectVersion());
    }

    @ParameterizedTest(name = "with the {0}")
    @MethodSource("renderings")
    void coturnsPeerRulesNameAddressesOrRangesNeverCidr(String values) {
        List<String> rules = new ArrayList<>();
        for (HasMetadata object : RENDERINGS.get(values)) {
            if (object instanceof ConfigMap map && map.getData() != null) {
                map.getData().values().forEach(text -> rules.addAll(peerRules(text)));
            }
            PodTemplateSpec pod = podTemplate(object);
            if (pod != null) {
                allContainers(pod.getSpec()).stream().filter(container -> container.getArgs() != null)
                        .forEach(container -> rules.addAll(peerRules(String.join("\n", container.getArgs()))));
            }
        }
        assertThat(rules).as("coturn's allowed/denied peer rules (coturn ignores or refuses CIDR)").isNotEmpty()
                .allSatisfy(rule -> assertThat(rule).doesNotContain("/"));
    }

    @ParameterizedTest(name = "with the {0}")
    @MethodSource("renderings")
    void eachSecretIsReferencedOnlyByTheWorkloadsThatUseIt(String values) {
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : RENDERINGS.get(values)) {
            PodTemplateSpec pod = podTemplate(object);
            if (pod == null) {
                continue;
            }
            allContainers(pod.getSpec()).stream().flatMap(container -> referencedSecrets(container, pod.getSpec()))
                    .distinct().forEach(secret -> {
                        Set<String> users = SECRET_USERS.get(secret);
                        if (users == null) {
                            violations.add(name(object) + " references " + secret + ", which has no row in SECRET_USERS");
                        } else if (!users.contains(name(object))) {
                            violations.add(name(object) + " references " + secret + " (allowed: " + users + ")");
                        }
                    });
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "with the {0}")
    @MethodSource("renderings")
    void everyDeploymentHasADisruptionBudgetSelectingItsPodsThatStillLetsOneReplicaMove(String values) {
        List<HasMetadata> objects = RENDERINGS.get(values);
        List<PodDisruptionBudget> budgets = objects.stream().filter(PodDisruptionBudget.class::isInstance)
                .map(PodDisruptionBudget.class::cast).toList();
        List<String> violations = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (!(object instanceof Deployment deployment)) {
                continue;
            }
            List<PodDisruptionBudget> own = budgets.stream().filter(budget -> Workloads.selects(
                    budget.getSpec().getSelector().getMatchLabels(), deployment.getSpec().getTemplate())).toList();
            if (own.size() != 1) {
                violations.add(name(deployment) + " is selected by " + own.size() + " PodDisruptionBudgets");
            } else if (drainBlocked(own.get(0), deployment.getSpec().getReplicas())) {
                violations.add(name(own.get(0)) + " lets no pod of " + name(deployment) + " be evicted");
            }
        }
        for (PodDisruptionBudget budget : budgets) {
            long workloads = objects.stream().map(Workloads::podTemplate).filter(Objects::nonNull)
                    .filter(pod -> Workloads.selects(budget.getSpec().getSelector().getMatchLabels(), pod)).count();
            if (workloads != 1) {
                violations.add(name(budget) + " selects the pods of " + workloads + " workloads");
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest(name = "with the {0}")
    @MethodSource("renderings")
    void everyObjectCarriesTheReleaseLabels(String values) {
        assertThat(RENDERINGS.get(values)).allSatisfy(object -> assertThat(object.getMetadata().getLabels())
                .as("labels of %s", name(object)).isNotNull()
                .containsEntry("app.kubernetes.io/instance", ChartSources.RELEASE)
                .containsEntry("app.kubernetes.io/managed-by", "Helm"));
    }

    /** Why a workload breaks the container rules; empty when it keeps them. */
    static List<String> violations(HasMetadata workload) {
        PodSpec pod = podTemplate(workload).getSpec();
        boolean keepsRunning = !(workload instanceof Job || workload instanceof CronJob);
        List<String> violations = new ArrayList<>();
        for (Container container : allContainers(pod)) {
            String where = name(workload) + "/" + container.getName();
            violations.addAll(restrictions(where, container, pod.getSecurityContext()));
            if (container.getResources() == null || isEmpty(container.getResources().getRequests())
                    || isEmpty(container.getResources().getLimits())) {
                violations.add(where + ": resources need requests and limits");
            }
            if (keepsRunning && !initContainers(pod).contains(container)) {
                violations.addAll(probes(where, container));
            }
        }
        return violations;
    }

    private static List<String> restrictions(String where, Container container, PodSecurityContext podContext) {
        SecurityContext context = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        PodSecurityContext pod = Optional.ofNullable(podContext).orElse(new PodSecurityContext());
        List<String> violations = new ArrayList<>();
        if (!Boolean.TRUE.equals(Optional.ofNullable(context.getRunAsNonRoot()).orElse(pod.getRunAsNonRoot()))) {
            violations.add(where + ": runAsNonRoot is not true");
        }
        if (!Boolean.FALSE.equals(context.getAllowPrivilegeEscalation())) {
            violations.add(where + ": allowPrivilegeEscalation is not false");
        }
        if (!Boolean.TRUE.equals(context.getReadOnlyRootFilesystem())) {
            violations.add(where + ": readOnlyRootFilesystem is not true");
        }
        if (Boolean.TRUE.equals(context.getPrivileged())) {
            violations.add(where + ": privileged");
        }
        SeccompProfile seccomp = Optional.ofNullable(context.getSeccompProfile()).orElse(pod.getSeccompProfile());
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            violations.add(where + ": seccompProfile is not RuntimeDefault");
        }
        var capabilities = context.getCapabilities();
        if (capabilities == null || capabilities.getDrop() == null || !capabilities.getDrop().contains("ALL")) {
            violations.add(where + ": capabilities do not drop ALL");
        }
        if (capabilities != null && capabilities.getAdd() != null) {
            Set<String> allowed = ADDED_CAPABILITIES_ALLOWED.getOrDefault(where, Set.of());
            capabilities.getAdd().stream().filter(added -> !allowed.contains(added))
                    .forEach(added -> violations.add(where + ": adds " + added + ", not in ADDED_CAPABILITIES_ALLOWED"));
        }
        return violations;
    }

    /** Readiness and liveness probes, each on a port the container declares (a probe on no port never passes). */
    private static List<String> probes(String where, Container container) {
        List<String> violations = new ArrayList<>();
        Map<String, Probe> probes = new TreeMap<>();
        probes.put("readinessProbe", container.getReadinessProbe());
        probes.put("livenessProbe", container.getLivenessProbe());
        probes.put("startupProbe", container.getStartupProbe());
        probes.forEach((kind, probe) -> {
            if (probe == null) {
                if (!kind.equals("startupProbe")) {
                    violations.add(where + ": no " + kind);
                }
                return;
            }
            IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                    : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
            if (port != null && !declares(container, port)) {
                violations.add(where + ": " + kind + " probes port " + port + ", which the container does not declare");
            }
        });
        return violations;
    }

    private static boolean declares(Container container, IntOrString port) {
        List<ContainerPort> ports = Optional.ofNullable(container.getPorts()).orElse(List.of());
        return ports.stream().anyMatch(declared -> port.getIntVal() != null
                ? port.getIntVal().equals(declared.getContainerPort())
                : port.getStrVal().equals(declared.getName()));
    }

    /** minAvailable equal to the replicas, or maxUnavailable 0, makes a node drain wait forever. */
    private static boolean drainBlocked(PodDisruptionBudget budget, Integer replicas) {
        IntOrString minAvailable = budget.getSpec().getMinAvailable();
        IntOrString maxUnavailable = budget.getSpec().getMaxUnavailable();
        int count = replicas == null ? 1 : replicas;
        if (maxUnavailable != null) {
            return "0".equals(String.valueOf(maxUnavailable.getIntVal() != null ? maxUnavailable.getIntVal()
                    : maxUnavailable.getStrVal().replace("%", "")));
        }
        return minAvailable == null || minAvailable.getIntVal() == null || minAvailable.getIntVal() >= count
                || "100%".equals(minAvailable.getStrVal());
    }

    /**
     * The allowed-peer-ip / denied-peer-ip settings in configuration text or command-line arguments. A value left to
     * the config renderer (a shell variable, which turn/render-turnserver-conf turns into a range) is not a rule yet.
     */
    private static List<String> peerRules(String text) {
        List<String> rules = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^\\s*(?:--)?(?:allowed|denied)-peer-ip\\s*=\\s*(\\S+)").matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("$")) {
                rules.add(matcher.group(0).trim());
            }
        }
        return rules;
    }

    private static boolean isEmpty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    /** helm/muse-academy/Chart.yaml's appVersion: the tag every image of ours is deployed with. */
    static String appVersion() throws Exception {
        Map<?, ?> chart = new ObjectMapper(new YAMLFactory()).readValue(SOURCES.umbrellaChartYaml().toFile(), Map.class);
        return String.valueOf(chart.get("appVersion"));
    }

    private static Map<String, Set<String>> secretUsers() {
        Map<String, Set<String>> users = new TreeMap<>();
        for (String service : ChartSources.SERVICES.keySet()) {
            users.put("muse-" + service + "-keys", Set.of("Deployment/" + service));
            users.put("muse-" + service + "-env", Set.of("Deployment/" + service));
        }
        // muse-vod-keys is both vod's signing-key Secret and its playback key: vod alone either way.
        users.put("muse-turn-secret", Set.of("Deployment/coturn"));
        users.put("muse-turn-tls", Set.of("Deployment/coturn"));
        users.put("artemis-users", Set.of("StatefulSet/artemis"));
        users.put("mongodb-credentials", Set.of("StatefulSet/mongodb", "Job/mongodb-replica-set-init",
                "Job/mongodb-users", "CronJob/mongodb-backup"));
        return Map.copyOf(users);
    }
}
