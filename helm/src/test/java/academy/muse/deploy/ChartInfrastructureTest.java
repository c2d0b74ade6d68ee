package academy.muse.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static academy.muse.deploy.ChartRendering.HOME_VALUES;
import static academy.muse.deploy.ChartRendering.annotation;
import static academy.muse.deploy.ChartRendering.install;
import static academy.muse.deploy.ChartRendering.named;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The umbrella chart's own infrastructure as a fresh k3s would run it (issue 17): keys generated in the cluster,
 * MongoDB with authentication, users, replica set and backups, Artemis bounded and with a user per service, coturn
 * configured by turn/'s template, TURN/TLS beside the web on 443, the media volume, and restricted pods.
 */
class ChartInfrastructureTest {

    private static final List<String> SERVICES = List.of("gateway", "scheduling", "rooms", "signaling", "recordings", "vod");
    private static final Map<String, List<String>> SIGNING_KEYS = Map.of(
            "gateway", List.of("user", "service-gateway"),
            "scheduling", List.of("service-scheduling"),
            "rooms", List.of("ticket", "service-rooms"),
            "signaling", List.of("service-signaling"),
            "recordings", List.of("service-recordings"),
            "vod", List.of("service-vod"));

    @Test
    void everyKeyAndPasswordIsGeneratedInTheClusterBeforeAnythingUsesItAndKeptAcrossUpgrades() throws Exception {
        List<HasMetadata> objects = install(null);
        List<HasMetadata> generated = new ArrayList<>();
        for (String service : SERVICES) {
            Secret keys = named(objects, Secret.class, "muse-" + service + "-keys");
            Set<String> expected = SIGNING_KEYS.get(service).stream().map(purpose -> purpose + ".pem").collect(Collectors.toSet());
            if (service.equals("vod")) {
                expected = new java.util.HashSet<>(expected);
                expected.add("vod-media-key");
            }
            assertThat(keys.getData().keySet()).as("%s holds only the keys it signs with", service).isEqualTo(expected);
            generated.add(keys);
            generated.add(named(objects, Secret.class, "muse-" + service + "-env"));
        }
        ConfigMap publicKeys = named(objects, ConfigMap.class, "muse-public-keys");
        generated.addAll(List.of(publicKeys, named(objects, Secret.class, "muse-turn-secret"),
                named(objects, Secret.class, "mongodb-credentials"), named(objects, Secret.class, "artemis-users")));

        SIGNING_KEYS.forEach((service, purposes) -> purposes.forEach(purpose -> {
            String privatePem = decoded(named(objects, Secret.class, "muse-" + service + "-keys"), purpose + ".pem");
            String certificate = publicKeys.getData().get(purpose + ".pem");
            assertThat(privatePem).startsWith("-----BEGIN RSA PRIVATE KEY-----");
            assertThat(certificate).as("public half of %s", purpose).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(modulusOfPrivateKey(privatePem)).as("%s: the certificate is over the same key", purpose)
                    .isEqualTo(modulusOfCertificate(certificate));
        }));

        int earliestOtherHook = objects.stream().filter(ChartRendering::isHook).filter(object -> !generated.contains(object))
                .mapToInt(object -> Integer.parseInt(annotation(object, "helm.sh/hook-weight"))).min().orElseThrow();
        for (HasMetadata object : generated) {
            String name = object.getKind() + "/" + object.getMetadata().getName();
            assertThat(annotation(object, ChartRendering.HOOK)).as(name).isEqualTo("pre-install,pre-upgrade");
            assertThat(Integer.parseInt(annotation(object, "helm.sh/hook-weight"))).as(name).isLessThan(earliestOtherHook);
            assertThat(annotation(object, "helm.sh/resource-policy")).as(name).isEqualTo("keep");
        }
        assertThat(Files.readString(ChartRendering.SOURCES.umbrella().resolve("templates/_helpers.tpl")))
                .as("values are read back from the release on upgrade").contains("lookup \"v1\" .kind .root.Release.Namespace .name");
    }

    @Test
    void onlyRoomsAndCoturnKnowTheTurnSecret() {
        List<HasMetadata> objects = install(null);
        String secret = decoded(named(objects, Secret.class, "muse-turn-secret"), "turn-secret");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        for (String service : SERVICES) {
            Map<String, String> env = named(objects, Secret.class, "muse-" + service + "-env").getData();
            assertThat(env.containsKey("MUSE_TURN_SECRET")).as(service).isEqualTo(service.equals("rooms"));
        }
        assertThat(decoded(named(objects, Secret.class, "muse-rooms-env"), "MUSE_TURN_SECRET")).isEqualTo(secret);
    }

    @Test
    void mongodbRequiresAuthenticationAndEachServiceConnectsAsItsOwnUserToItsOwnDatabase() {
        List<HasMetadata> objects = install(null);
        Container mongodb = named(objects, StatefulSet.class, "mongodb").getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(mongodb.getArgs()).contains("--auth");
        assertThat(mongodb.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("MONGO_INITDB_ROOT_PASSWORD");
            assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("mongodb-credentials");
        });
        Secret credentials = named(objects, Secret.class, "mongodb-credentials");
        for (String service : SERVICES) {
            String uri = decoded(named(objects, Secret.class, "muse-" + service + "-env"), "MONGODB_URI");
            String password = decoded(credentials, service + "-password");
            assertThat(uri).isEqualTo("mongodb://" + service + ":" + password + "@mongodb-0.mongodb:27017/" + service
                    + "?authSource=" + service);
        }
        Job users = named(objects, Job.class, "mongodb-users");
        assertThat(annotation(users, ChartRendering.HOOK)).isEqualTo("post-install,post-upgrade");
        assertThat(annotation(users, "helm.sh/hook-delete-policy")).isEqualTo("before-hook-creation");
        Container script = users.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(script.getArgs().get(0)).contains("createUser", "updateUser", "readWrite");
        for (String service : SERVICES) {
            assertThat(script.getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("PASSWORD_" + service.toUpperCase());
                assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(service + "-password");
            });
        }
    }

    @Test
    void aReplicaSetAuthenticatesItsMembersByKeyFileAndIsInitiatedByAHookThatUpgradesRunAgain() {
        List<HasMetadata> objects = install(HOME_VALUES);
        PodSpec pod = named(objects, StatefulSet.class, "mongodb").getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getArgs()).contains("--replSet", "--keyFile", "/keyfile/keyfile", "--auth");
        assertThat(pod.getInitContainers().get(0).getCommand()).anySatisfy(part -> assertThat(part).contains("install -m 0400"));
        assertThat(pod.getNodeSelector()).containsEntry("kubernetes.io/arch", "amd64");
        Job init = named(objects, Job.class, "mongodb-replica-set-init");
        assertThat(annotation(init, ChartRendering.HOOK)).isEqualTo("post-install,post-upgrade");
        assertThat(annotation(init, "helm.sh/hook-delete-policy")).isEqualTo("before-hook-creation");
        assertThat(Integer.parseInt(annotation(init, "helm.sh/hook-weight")))
                .isLessThan(Integer.parseInt(annotation(named(objects, Job.class, "mongodb-users"), "helm.sh/hook-weight")));
        assertThat(init.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs().get(0))
                .contains("NotYetInitialized", "replSetInitiate", "mongodb-2.mongodb:27017");
    }

    @Test
    void mongodbIsDumpedNightlyByOurBackupToolToItsOwnVolumeKeepingTheNewestArchives() throws Exception {
        List<HasMetadata> objects = install(HOME_VALUES);
        CronJob backup = named(objects, CronJob.class, "mongodb-backup");
        PodSpec pod = backup.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
        Container dump = pod.getContainers().get(0);

        assertThat(dump.getImage()).isEqualTo("registry.home.lan:5000/muse-academy/backup:" + ChartPolicyTest.appVersion());
        assertThat(dump.getCommand()).as("the image's own entrypoint runs").isNullOrEmpty();
        assertThat(dump.getArgs()).containsExactly("dump", "--to", "/backup", "--keep", "14");
        assertThat(dump.getEnv()).as("nothing secret as a plain value").allSatisfy(env -> assertThat(env.getValue()).isNull());
        assertThat(dump.getEnv()).extracting(EnvVar::getName).containsExactly("MONGODB_URI", "MONGODB_USERNAME", "MONGODB_PASSWORD");
        assertThat(dump.getEnv().get(2).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("root-password");
        assertThat(named(objects, ConfigMap.class, "mongodb-backup").getData()).containsEntry("MONGODB_URI",
                "mongodb://mongodb-0.mongodb:27017,mongodb-1.mongodb:27017,mongodb-2.mongodb:27017/"
                        + "?readPreference=secondaryPreferred&replicaSet=rs0");
        assertThat(pod.getSecurityContext().getRunAsUser()).as("the image's user").isEqualTo(185L);
        assertThat(dump.getVolumeMounts()).extracting(mount -> mount.getMountPath()).containsExactlyInAnyOrder("/backup", "/tmp");
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getPersistentVolumeClaim() != null)
                .anySatisfy(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("mongodb-backup"));
        assertThat(named(objects, PersistentVolumeClaim.class, "mongodb-backup").getSpec().getStorageClassName())
                .isEqualTo("nfs-client");
        assertThat(backup.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(named(install(null), CronJob.class, "mongodb-backup").getSpec().getJobTemplate().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getImage())
                .isEqualTo("localhost:5000/muse-academy/backup:" + ChartPolicyTest.appVersion());
    }

    @Test
    void artemisKeepsItsHeapWellBelowItsMemoryLimitAndHasOneUserPerService() {
        List<HasMetadata> objects = install(null);
        Container artemis = named(objects, StatefulSet.class, "artemis").getSpec().getTemplate().getSpec().getContainers().get(0);
        long heap = Quantity.getAmountInBytes(new Quantity(env(artemis, "ARTEMIS_HEAP") + "i")).longValue();
        long limit = Quantity.getAmountInBytes(artemis.getResources().getLimits().get("memory")).longValue();
        assertThat(heap).as("heap against the container's limit").isLessThanOrEqualTo(limit * 3 / 4);
        assertThat(String.join(" ", artemis.getCommand())).contains("--java-memory \"$ARTEMIS_HEAP\"");

        Map<String, String> files = named(objects, Secret.class, "artemis-users").getStringData();
        for (String service : SERVICES) {
            String password = decoded(named(objects, Secret.class, "muse-" + service + "-env"), "AMQP_PASSWORD");
            assertThat(decoded(named(objects, Secret.class, "muse-" + service + "-env"), "AMQP_USERNAME")).isEqualTo(service);
            assertThat(files.get("artemis-users.properties")).contains(service + " = " + password + "\n");
        }
        assertThat(files.get("artemis-roles.properties").trim()).isEqualTo("amq = " + String.join(",",
                SERVICES.stream().sorted().toList()));
        assertThat(named(objects, ConfigMap.class, "artemis-config").getData().get("broker.xml"))
                .contains("<global-max-size>128MB</global-max-size>");
    }

    @Test
    void coturnRunsTurnsOwnTemplateAndRendererAndRelaysToNoPrivateAddressByDefault(@TempDir Path work) throws Exception {
        List<String> config = renderCoturnConfig(install(null), work);

        assertThat(config).doesNotContain("allow-loopback-peers").noneMatch(line -> line.startsWith("allowed-peer-ip"));
        assertThat(config).contains("denied-peer-ip=10.0.0.0-10.255.255.255", "denied-peer-ip=172.16.0.0-172.31.255.255",
                "denied-peer-ip=192.168.0.0-192.168.255.255", "denied-peer-ip=127.0.0.0-127.255.255.255",
                "external-ip=203.0.113.10", "tls-listening-port=5349", "listening-port=3478", "user-quota=12",
                "total-quota=1200", "cert=/tls/tls.crt", "use-auth-secret");
        assertThat(config).noneMatch(line -> line.startsWith("alt-tls-listening-port"));
    }

    @Test
    void aNarrowPeerRangeIsWrittenAsARangeCoturnAcceptsNeverAsCidr(@TempDir Path work) throws Exception {
        List<String> config = renderCoturnConfig(install(null, "coturn.allowedPeerRanges[0]=10.42.7.0/24",
                "coturn.allowedPeerRanges[1]=10.42.9.10-10.42.9.20"), work);

        assertThat(config).contains("allowed-peer-ip=10.42.7.0-10.42.7.255", "allowed-peer-ip=10.42.9.10-10.42.9.20");
        assertThat(config).filteredOn(line -> line.contains("peer-ip=")).noneMatch(line -> line.contains("/"));
    }

    @Test
    void theTurnSecretReachesCoturnAsAFileNeverOnACommandLineOrInItsEnvironment() {
        List<HasMetadata> objects = install(null);
        PodSpec pod = named(objects, Deployment.class, "coturn").getSpec().getTemplate().getSpec();
        for (Container container : Workloads.allContainers(pod)) {
            assertThat(String.join(" ", container.getCommand() == null ? List.of() : container.getCommand())
                    + String.join(" ", container.getArgs() == null ? List.of() : container.getArgs()))
                    .doesNotContain("static-auth-secret").doesNotContain("TURN_SECRET)");
            assertThat(container.getEnv() == null ? List.<EnvVar>of() : container.getEnv())
                    .noneMatch(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null);
        }
        assertThat(pod.getVolumes()).filteredOn(volume -> volume.getSecret() != null)
                .anySatisfy(volume -> assertThat(volume.getSecret().getSecretName()).isEqualTo("muse-turn-secret"));
        assertThat(pod.getVolumes()).anySatisfy(volume -> {
            assertThat(volume.getName()).isEqualTo("run");
            assertThat(volume.getEmptyDir().getMedium()).isEqualTo("Memory");
        });
    }

    @Test
    void coturnAddsOnlyNetBindServiceWhichItsBinaryCarriesAsAFileCapability() {
        Container onItsOwnPort = coturnContainer(install(null));
        assertThat(onItsOwnPort.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(onItsOwnPort.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        Container on443 = coturnContainer(install(null, "coturn.tlsPort=443", "coturn.sniPassthrough.enabled=false"));
        assertThat(on443.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(on443.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    }

    @Test
    void clientsReachTurnByItsOwnHostNameWhoseTlsTraefikPassesToCoturnOn443() {
        List<HasMetadata> objects = install(HOME_VALUES);
        String urls = named(objects, ConfigMap.class, "muse-config").getData().get("MUSE_TURN_URLS");
        assertThat(urls.split(",")).containsExactly("turn:turn.kim-violin.example:3478?transport=udp",
                "turn:turn.kim-violin.example:3478?transport=tcp", "turns:turn.kim-violin.example:443?transport=tcp");

        Map<String, Object> route = spec(named(objects, GenericKubernetesResource.class, "coturn-tls"));
        assertThat(route.get("entryPoints")).isEqualTo(List.of("websecure"));
        assertThat(route.get("tls")).isEqualTo(Map.of("passthrough", true));
        Map<?, ?> rule = (Map<?, ?>) ((List<?>) route.get("routes")).get(0);
        assertThat(rule.get("match")).isEqualTo("HostSNI(`turn.kim-violin.example`)");
        assertThat(rule.get("services")).isEqualTo(List.of(Map.of("name", "coturn-tls", "port", 5349)));
        Service tls = named(objects, Service.class, "coturn-tls");
        assertThat(tls.getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(5349);
        assertThat(named(objects, Deployment.class, "coturn").getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(tls.getSpec().getSelector());

        Map<String, Object> certificate = spec(named(objects, GenericKubernetesResource.class, "muse-turn-tls"));
        assertThat(certificate.get("dnsNames")).isEqualTo(List.of("turn.kim-violin.example"));
        assertThat(certificate.get("secretName")).isEqualTo("muse-turn-tls");
        assertThat(certificate.get("issuerRef")).isEqualTo(Map.of("kind", "ClusterIssuer", "name", "letsencrypt"));
    }

    @Test
    void withoutAnIssuerTheTurnCertificateIsLeftToTheOperator() {
        assertThat(install(null, "ingress.clusterIssuer=")).noneMatch(object -> object.getKind().equals("Certificate"));
    }

    @Test
    void plainHttpIsRedirectedToHttps() {
        List<HasMetadata> objects = install(null);
        assertThat(spec(named(objects, GenericKubernetesResource.class, "muse-redirect-https")).get("redirectScheme"))
                .isEqualTo(Map.of("scheme", "https", "permanent", true));
        assertThat(annotation(named(objects, Ingress.class, "muse-academy"), "traefik.ingress.kubernetes.io/router.middlewares"))
                .isEqualTo("muse-muse-redirect-https@kubernetescrd");
    }

    @Test
    void theMediaVolumeExistsOnlyForFilesystemStorageWithTheAccessModeItsStorageCanGive() {
        assertThat(install(null, "global.media.kind=s3")).noneMatch(object -> object instanceof PersistentVolumeClaim
                && object.getMetadata().getName().equals("muse-media"));
        assertThat(named(install(null), PersistentVolumeClaim.class, "muse-media").getSpec().getAccessModes())
                .as("0.1.0's mode: a claim's access mode is immutable on upgrade").containsExactly("ReadWriteMany");
        assertThat(named(install(HOME_VALUES), PersistentVolumeClaim.class, "muse-media").getSpec().getAccessModes())
                .containsExactly("ReadWriteMany");
    }

    @Test
    void everyPodOfTheChartRunsRestrictedOnAmd64WithoutAnApiToken() {
        for (Path values : new Path[] {null, HOME_VALUES}) {
            for (HasMetadata object : ownObjects(install(values))) {
                PodTemplateSpec template = Workloads.podTemplate(object);
                if (template == null) {
                    continue;
                }
                String name = object.getKind() + "/" + object.getMetadata().getName();
                PodSpec pod = template.getSpec();
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
                assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
                assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
                assertThat(pod.getServiceAccountName()).as(name).isNotBlank();
                assertThat(pod.getNodeSelector()).as(name).containsEntry("kubernetes.io/arch", "amd64");
                for (Container container : Workloads.allContainers(pod)) {
                    var security = container.getSecurityContext();
                    assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
                    assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
                    assertThat(security.getCapabilities().getDrop()).as(name).containsExactly("ALL");
                    assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
                }
            }
        }
    }

    @Test
    void everyObjectOfTheChartCarriesTheReleaseLabels() {
        for (HasMetadata object : ownObjects(install(HOME_VALUES))) {
            assertThat(object.getMetadata().getLabels()).as(object.getKind() + "/" + object.getMetadata().getName())
                    .containsEntry("app.kubernetes.io/instance", ChartSources.RELEASE)
                    .containsEntry("app.kubernetes.io/managed-by", "Helm")
                    .containsEntry("app.kubernetes.io/part-of", "muse-academy")
                    .containsEntry("helm.sh/chart", "muse-academy-" + ChartRendering.SOURCES.umbrellaChartVersion())
                    .containsKey("app.kubernetes.io/name");
        }
    }

    @Test
    void theSetupJobsAndTheBackupMayReachMongodb() {
        NetworkPolicy toMongodb = named(install(null), NetworkPolicy.class, "muse-allow-to-mongodb");
        assertThat(toMongodb.getSpec().getIngress().get(0).getFrom()).extracting(peer ->
                peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")).contains("mongodb-setup", "mongodb-backup");
    }

    @Test
    void theHomeValuesAskForTheImageTagTheChartsAppVersionNames() throws Exception {
        String appVersion = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(ChartRendering.SOURCES.umbrella().resolve("Chart.yaml").toFile()).get("appVersion").asText();
        for (String service : SERVICES) {
            Container container = named(install(HOME_VALUES), Deployment.class, service).getSpec().getTemplate().getSpec()
                    .getContainers().get(0);
            assertThat(container.getImage()).startsWith("registry.home.lan:5000/muse-academy/" + service + ":")
                    .endsWith(":" + appVersion);
        }
    }

    /** What each service chart renders (helm/services/<service>/templates); ChartPolicyTest checks their labels. */
    private static final Set<String> SERVICE_CHART_KINDS =
            Set.of("Deployment", "Service", "PodDisruptionBudget", "ServiceAccount");

    /** The objects the umbrella's own templates render (the services' generated charts have their own tests). */
    private static List<HasMetadata> ownObjects(List<HasMetadata> objects) {
        return objects.stream().filter(object -> !(SERVICES.contains(object.getMetadata().getName())
                && SERVICE_CHART_KINDS.contains(object.getKind()))).toList();
    }

    /**
     * coturn's config as its init container renders it in the cluster: the chart's copy of turn/'s renderer run with
     * exactly the container's environment; it must equal what turn/'s own renderer makes of the same settings.
     */
    private static List<String> renderCoturnConfig(List<HasMetadata> objects, Path work) throws Exception {
        Map<String, String> files = named(objects, ConfigMap.class, "coturn-config").getData();
        Path chartCopy = Files.createDirectories(work.resolve("chart"));
        files.forEach((file, content) -> write(chartCopy.resolve(file), content));
        Path secret = work.resolve("turn-secret");
        Files.writeString(secret, decoded(named(objects, Secret.class, "muse-turn-secret"), "turn-secret"));

        Container init = named(objects, Deployment.class, "coturn").getSpec().getTemplate().getSpec().getInitContainers().get(0);
        assertThat(init.getCommand()).containsExactly("bash", "/turn/render-turnserver-conf", "/run/coturn/turnserver.conf");
        Map<String, String> env = new HashMap<>();
        init.getEnv().forEach(variable -> env.put(variable.getName(), variable.getValue()));
        assertThat(env).containsEntry("TURN_TEMPLATE", "/turn/turnserver.conf.template")
                .containsEntry("TURN_SECRET_FILE", "/turn-secret/turn-secret");
        env.put("TURN_SECRET_FILE", secret.toString());
        env.put("TURN_PIDFILE", "/run/coturn/turnserver.pid");

        env.put("TURN_TEMPLATE", chartCopy.resolve("turnserver.conf.template").toString());
        List<String> inCluster = runRenderer(chartCopy.resolve("render-turnserver-conf"), env, work.resolve("chart.conf"));
        env.put("TURN_TEMPLATE", ChartRendering.SOURCES.umbrella().resolve("../../turn/turnserver.conf.template").normalize().toString());
        List<String> fromTurn = runRenderer(ChartRendering.SOURCES.umbrella().resolve("../../turn/render-turnserver-conf").normalize(),
                env, work.resolve("turn.conf"));

        assertThat(inCluster).as("the cluster's coturn config is turn/'s template rendered").isEqualTo(fromTurn);
        assertThat(inCluster).contains("static-auth-secret=" + Files.readString(secret));
        return inCluster;
    }

    private static List<String> runRenderer(Path renderer, Map<String, String> env, Path output) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", renderer.toString(), output.toString()).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        return Files.readAllLines(output).stream().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
    }

    private static Container coturnContainer(List<HasMetadata> objects) {
        return named(objects, Deployment.class, "coturn").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(env -> env.getName().equals(name)).findFirst().orElseThrow().getValue();
    }

    private static String decoded(Secret secret, String key) {
        String value = secret.getData().get(key);
        assertThat(value).as("%s has %s", secret.getMetadata().getName(), key).isNotNull();
        return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static BigInteger modulusOfCertificate(String pem) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return ((RSAPublicKey) certificate.getPublicKey()).getModulus();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Helm writes PKCS#1 ("RSA PRIVATE KEY"); the JDK reads PKCS#8, which wraps it with the algorithm's identifier. */
    private static BigInteger modulusOfPrivateKey(String pem) {
        byte[] pkcs1 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(rsaAlgorithm);
        body.writeBytes(der(0x04, pkcs1));
        try {
            return ((RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(0x30, body.toByteArray())))).getModulus();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] bytes = BigInteger.valueOf(length).toByteArray();
            int start = bytes[0] == 0 ? 1 : 0;
            out.write(0x80 | (bytes.length - start));
            out.write(bytes, start, bytes.length - start);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
