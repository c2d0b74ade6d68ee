package academy.muse.deploy;

import academy.muse.deploy.PodManifest.Workload;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs rendered pods under runc the way a kubelet with containerd would set them up, from nothing but the Pod
 * spec: the user, group, fsGroup and supplemental groups; Secret, ConfigMap and projected volumes written with
 * their modes (fsGroup group ownership, as the kubelet applies it), emptyDirs, and PersistentVolumeClaims as an
 * empty directory (mode 0777, as k3s's local-path provisioner makes them); a read-only root filesystem when asked;
 * capabilities, no-new-privileges, the memory limit; env, envFrom, the Service environment variables and
 * {@code $(VAR)} expansion; command and args over the image's entrypoint and cmd; init containers to completion
 * first. Names resolve through the pod's /etc/hosts (the cluster's DNS records for the Services). Whatever a
 * cluster would refuse or get stuck on (a Secret nothing creates, an image tag nobody pushed, a root user under
 * runAsNonRoot) is recorded as a defect; where a stand-in lets the run go on to show the next defect, it does.
 */
final class PodRunner implements AutoCloseable {

    static final String NAMESPACE = ChartSources.NAMESPACE;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_.-]*)\\)");
    /** containerd's default capabilities (what a container has before the spec's drop and add). */
    private static final List<String> DEFAULT_CAPABILITIES = List.of("CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER",
            "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL",
            "AUDIT_WRITE");

    /** A started container, for probes and for stopping. */
    record RunningContainer(String id, Workload workload, Container container, Map<String, String> env,
            Process process, Path log, java.time.Instant startedAt) {
    }

    /** A container whose bundle is ready to run. */
    private record PreparedContainer(String id, Workload workload, Container container, Map<String, String> env,
            Path bundle, Path log) {
    }

    private record PreparedPod(Workload workload, List<PreparedContainer> inits, List<PreparedContainer> containers) {
    }

    private final Path work;
    private final PodManifest manifest;
    private final PodImages images;
    private final PodNetwork network;
    private final List<String> defects;
    private final Map<String, String> podAddresses = new LinkedHashMap<>();
    private final Map<String, String> serviceAddresses = new LinkedHashMap<>();
    private final List<String> hostsLines = new ArrayList<>();
    private final List<PreparedPod> prepared = new ArrayList<>();
    private final List<RunningContainer> running = new ArrayList<>();
    private final UnaryOperator<Map<String, String>> standInEnvironment;

    /**
     * @param standInEnvironment applied to each container's final environment: where a stand-in truly differs
     *                           from what it replaces (the caller says how and why), and nowhere else
     */
    PodRunner(Path work, PodManifest manifest, PodImages images, List<String> defects,
            UnaryOperator<Map<String, String>> standInEnvironment) {
        this.standInEnvironment = standInEnvironment;
        this.work = work;
        this.manifest = manifest;
        this.images = images;
        this.defects = defects;
        this.network = new PodNetwork();
    }

    /**
     * Gives every pod its namespace and address and every Service its virtual address and port rules. Pods of
     * {@code standIns} are not run: their Services lead to the hub, where the stand-in listens on the same port.
     */
    void place(List<Workload> pods, List<Workload> standIns) {
        for (Workload pod : pods) {
            boolean hostNetwork = Boolean.TRUE.equals(pod.spec().getHostNetwork());
            podAddresses.put(pod.podName(), hostNetwork ? PodNetwork.HUB_ADDRESS : network.addPod(pod.podName()));
        }
        hostsLines.add("127.0.0.1 localhost");
        int next = 1;
        for (Service service : manifest.services()) {
            String name = service.getMetadata().getName();
            Map<String, String> selector = service.getSpec().getSelector();
            Optional<Workload> backend = find(pods, selector);
            Optional<Workload> standIn = find(standIns, selector);
            String backendAddress = backend.map(pod -> podAddresses.get(pod.podName()))
                    .orElse(standIn.isPresent() ? PodNetwork.HUB_ADDRESS : null);
            if (backendAddress == null) {
                continue;
            }
            Workload target = backend.or(() -> standIn).orElseThrow();
            if ("None".equals(service.getSpec().getClusterIP())) {
                for (int replica = 0; replica < target.replicas(); replica++) {
                    hostsLines.add(backendAddress + " " + names(target.name() + "-" + replica + "." + name));
                }
                hostsLines.add(backendAddress + " " + names(name));
                serviceAddresses.put(name, backendAddress + ":" + service.getSpec().getPorts().get(0).getPort());
                continue;
            }
            String virtualAddress = "10.96.0." + next++;
            serviceAddresses.put(name, virtualAddress + ":" + service.getSpec().getPorts().get(0).getPort());
            hostsLines.add(virtualAddress + " " + names(name));
            for (ServicePort port : service.getSpec().getPorts()) {
                network.addServicePort(virtualAddress, port.getPort(), protocol(port.getProtocol()), backendAddress,
                        targetPort(target, port));
            }
        }
        network.applyServiceRules();
    }

    /**
     * Makes a pod ready to start, as a node does before it starts anything: volumes written and every container's
     * bundle unpacked and configured ("image pulled"). False when the pod could not get that far.
     */
    boolean prepare(Workload pod) {
        Optional<PreparedPod> ready = preparePod(pod);
        ready.ifPresent(prepared::add);
        return ready.isPresent();
    }

    /**
     * Runs a Job's pod once, apart from the pods {@link #startAll} runs, as the Job controller would start it: its
     * init containers, then its containers one after another, each to its end. {@code beforeStart} gets the pod's
     * volume directories once they are written (to put there what a PersistentVolumeClaim would already hold). The
     * last container's exit status and output, or the first that failed.
     */
    Shell.Result runToCompletion(Workload pod, java.util.function.Consumer<Map<String, Path>> beforeStart,
            int timeoutSeconds) {
        Optional<PreparedPod> ready = preparePod(pod);
        if (ready.isEmpty()) {
            return new Shell.Result(-1, pod.podName() + " could not be prepared: " + defects);
        }
        beforeStart.accept(volumeDirectories(pod));
        Shell.Result result = new Shell.Result(-1, pod.podName() + " has no containers");
        List<PreparedContainer> containers = new ArrayList<>(ready.get().inits());
        containers.addAll(ready.get().containers());
        for (PreparedContainer container : containers) {
            result = Shell.exec(timeoutSeconds, List.of("runc", "--root", runcRoot().toString(), "run", "--bundle",
                    container.bundle().toString(), container.id()));
            Shell.exec(30, List.of("runc", "--root", runcRoot().toString(), "delete", "--force", container.id()));
            if (!result.ok()) {
                break;
            }
        }
        return result;
    }

    /** Each volume of a pod by name: the directory mounted from the node, as {@link #writeVolumes} made it. */
    Map<String, Path> volumeDirectories(Workload pod) {
        Path directory = work.resolve("pods").resolve(pod.podName()).resolve("volumes");
        Map<String, Path> volumes = new LinkedHashMap<>();
        Optional.ofNullable(pod.spec().getVolumes()).orElse(List.<Volume>of())
                .forEach(volume -> volumes.put(volume.getName(), directory.resolve(volume.getName())));
        return volumes;
    }

    private Optional<PreparedPod> preparePod(Workload pod) {
        Path podDirectory = work.resolve("pods").resolve(pod.podName());
        Map<String, Path> volumes = writeVolumes(pod, podDirectory.resolve("volumes"));
        Path hosts = write(podDirectory.resolve("hosts"), String.join("\n", hostsLines) + "\n"
                + podAddresses.get(pod.podName()) + " " + pod.podName() + "\n");
        Path resolvConf = write(podDirectory.resolve("resolv.conf"), "nameserver 10.96.0.10\nsearch " + NAMESPACE
                + ".svc.cluster.local svc.cluster.local cluster.local\noptions ndots:5\n");
        List<PreparedContainer> inits = new ArrayList<>();
        List<PreparedContainer> containers = new ArrayList<>();
        for (Container init : Optional.ofNullable(pod.spec().getInitContainers()).orElse(List.of())) {
            inits.add(prepare(pod, init, podDirectory, volumes, hosts, resolvConf));
        }
        for (Container container : pod.spec().getContainers()) {
            containers.add(prepare(pod, container, podDirectory, volumes, hosts, resolvConf));
        }
        if (inits.contains(null) || containers.contains(null)) {
            return Optional.empty();
        }
        return Optional.of(new PreparedPod(pod, inits, containers));
    }

    /** Starts every prepared pod together: each pod's init containers to completion, then its containers. */
    void startAll() {
        List<Thread> starters = new ArrayList<>();
        for (PreparedPod pod : prepared) {
            Thread starter = new Thread(() -> start(pod), "start-" + pod.workload().podName());
            starter.start();
            starters.add(starter);
        }
        for (Thread starter : starters) {
            try {
                starter.join(Duration.ofMinutes(4).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void start(PreparedPod pod) {
        for (PreparedContainer init : pod.inits()) {
            RunningContainer container = launch(init);
            try {
                if (!container.process().waitFor(180, java.util.concurrent.TimeUnit.SECONDS)
                        || container.process().exitValue() != 0) {
                    defects.add(pod.workload().podName() + ": init container " + init.container().getName()
                            + " did not complete: " + tail(container.log()));
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        pod.containers().forEach(this::launch);
    }

    List<RunningContainer> running() {
        synchronized (running) {
            return running.stream().filter(container -> pod(container).inits().stream()
                    .noneMatch(init -> init.id().equals(container.id()))).toList();
        }
    }

    String podAddress(String podName) {
        return podAddresses.get(podName);
    }

    /** A Service's virtual address and its first port, e.g. 10.96.0.3:80. */
    String serviceAddress(String service) {
        return serviceAddresses.get(service);
    }

    /** Where the kubelet would send a probe's request: the pod's address and the probe's port, by number or name. */
    String probeTarget(RunningContainer container, IntOrString port) {
        return podAddresses.get(container.workload().podName()) + ":" + portNumber(container.container(), port);
    }

    /**
     * The files a container finds in its Secret, ConfigMap and projected volumes: their paths inside the container,
     * with how they are on disk (mode and owner), for a check that the container's user can read them.
     */
    Map<String, String> filesFromSecretsAndConfigMaps(RunningContainer container) {
        Map<String, String> files = new LinkedHashMap<>();
        Path volumes = work.resolve("pods").resolve(container.workload().podName()).resolve("volumes");
        for (VolumeMount mount : Optional.ofNullable(container.container().getVolumeMounts())
                .orElse(List.<VolumeMount>of())) {
            if (!isReadOnlyVolume(container.workload(), mount.getName()) || mount.getSubPath() != null) {
                continue;
            }
            Path source = volumes.resolve(mount.getName());
            try (var walk = Files.walk(source)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String attributes = Shell.run("stat", "-c", "%a %u:%g", file.toString()).trim();
                    files.put(mount.getMountPath() + "/" + source.relativize(file), attributes);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Stops containers an interrupted earlier run left in this work directory's runtime state. */
    static void stopLeftovers(Path work) {
        String root = work.resolve("runc").toString();
        Shell.Result list = Shell.exec(30, List.of("runc", "--root", root, "list", "-q"));
        if (!list.ok()) {
            return;
        }
        for (String id : list.output().lines().filter(line -> !line.isBlank()).toList()) {
            Shell.exec(30, List.of("runc", "--root", root, "kill", id, "KILL"));
            Shell.exec(30, List.of("runc", "--root", root, "delete", "--force", id));
        }
    }

    /** A command run inside a running container ({@code exec} probes), as {@code runc exec} runs it. */
    Shell.Result execIn(RunningContainer container, int timeoutSeconds, List<String> command) {
        List<String> full = new ArrayList<>(List.of("runc", "--root", runcRoot().toString(), "exec", container.id()));
        full.addAll(command);
        return Shell.exec(timeoutSeconds, full);
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private PreparedContainer prepare(Workload pod, Container container, Path podDirectory, Map<String, Path> volumes,
            Path hosts, Path resolvConf) {
        Path bundle = podDirectory.resolve(container.getName());
        String image = container.getImage();
        PodImages.ImageConfig imageConfig;
        if (PodImages.isCoturn(image)) {
            imageConfig = DebianCoturn.makeBundle(bundle);
        } else {
            String reference = images.local(image);
            if (!images.exists(reference)) {
                String pushed = images.withFallbackTag(reference);
                defects.add(pod.podName() + "/" + container.getName() + ": image " + image + " is not what make images"
                        + " pushes (the cluster gets ImagePullBackOff); running " + pushed + " to go on");
                reference = pushed;
            }
            images.unpack(reference, bundle);
            imageConfig = images.config(reference);
        }
        ObjectNode config = readConfig(bundle);
        Map<String, String> env = standInEnvironment.apply(environment(pod, container, imageConfig,
                pod.podName() + "/" + container.getName()));
        if (!configure(config, pod, container, imageConfig, env, volumes, hosts, resolvConf)) {
            return null;
        }
        writeConfig(bundle, config);
        return new PreparedContainer("mpr-" + pod.podName() + "-" + container.getName(), pod, container, env, bundle,
                podDirectory.resolve(container.getName() + ".log"));
    }

    private RunningContainer launch(PreparedContainer prepared) {
        Process process = Shell.start(prepared.log(), List.of("runc", "--root", runcRoot().toString(), "run",
                "--bundle", prepared.bundle().toString(), prepared.id()));
        RunningContainer started = new RunningContainer(prepared.id(), prepared.workload(), prepared.container(),
                prepared.env(), process, prepared.log(), java.time.Instant.now());
        synchronized (running) {
            running.add(started);
        }
        return started;
    }

    private PreparedPod pod(RunningContainer container) {
        return prepared.stream().filter(pod -> pod.workload() == container.workload()).findFirst().orElseThrow();
    }

    /** Rewrites umoci's runtime config as the kubelet and containerd would set the container up. */
    private boolean configure(ObjectNode config, Workload pod, Container container, PodImages.ImageConfig image,
            Map<String, String> env, Map<String, Path> volumes, Path hosts, Path resolvConf) {
        String where = pod.podName() + "/" + container.getName();
        PodSecurityContext podSecurity = Optional.ofNullable(pod.spec().getSecurityContext())
                .orElse(new PodSecurityContext());
        SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
        ObjectNode process = (ObjectNode) config.get("process");
        process.put("terminal", false);
        // containerd sets no rlimits of its own: the container inherits the runtime's.
        process.remove("rlimits");

        ObjectNode user = (ObjectNode) process.get("user");
        Long runAsUser = first(security.getRunAsUser(), podSecurity.getRunAsUser());
        Long runAsGroup = first(security.getRunAsGroup(), podSecurity.getRunAsGroup());
        if (runAsUser != null) {
            user.put("uid", runAsUser);
        }
        if (runAsGroup != null) {
            user.put("gid", runAsGroup);
        }
        Set<Long> groups = new LinkedHashSet<>();
        user.path("additionalGids").forEach(gid -> groups.add(gid.asLong()));
        if (podSecurity.getFsGroup() != null) {
            groups.add(podSecurity.getFsGroup());
        }
        Optional.ofNullable(podSecurity.getSupplementalGroups()).ifPresent(groups::addAll);
        ArrayNode additional = user.putArray("additionalGids");
        groups.forEach(additional::add);
        Boolean runAsNonRoot = first(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot());
        if (Boolean.TRUE.equals(runAsNonRoot) && user.path("uid").asLong() == 0) {
            defects.add(where + ": runAsNonRoot with user 0: the kubelet refuses to start it");
            return false;
        }

        ArrayNode envNode = process.putArray("env");
        env.forEach((name, value) -> envNode.add(name + "=" + value));
        List<String> command = container.getCommand() == null || container.getCommand().isEmpty()
                ? image.entrypoint() : expand(container.getCommand(), env);
        List<String> args = container.getArgs() == null || container.getArgs().isEmpty()
                ? (container.getCommand() == null || container.getCommand().isEmpty() ? image.cmd() : List.of())
                : expand(container.getArgs(), env);
        ArrayNode argsNode = process.putArray("args");
        command.forEach(argsNode::add);
        args.forEach(argsNode::add);
        process.put("cwd", container.getWorkingDir() != null ? container.getWorkingDir() : image.workingDir());

        capabilities(process, security.getCapabilities());
        process.put("noNewPrivileges", Boolean.FALSE.equals(security.getAllowPrivilegeEscalation()));
        ((ObjectNode) config.get("root")).put("readonly", Boolean.TRUE.equals(security.getReadOnlyRootFilesystem()));
        config.put("hostname", pod.podName());

        ArrayNode mounts = (ArrayNode) config.get("mounts");
        bind(mounts, hosts, "/etc/hosts", false);
        bind(mounts, resolvConf, "/etc/resolv.conf", true);
        for (VolumeMount mount : Optional.ofNullable(container.getVolumeMounts()).orElse(List.<VolumeMount>of())) {
            Path source = volumes.get(mount.getName());
            if (source == null) {
                defects.add(where + ": volume " + mount.getName() + " cannot be mounted (see above)");
                return false;
            }
            if (mount.getSubPath() != null && !mount.getSubPath().isEmpty()) {
                source = subPathOf(source, mount.getSubPath());
            }
            bind(mounts, source, mount.getMountPath(), Boolean.TRUE.equals(mount.getReadOnly())
                    || isReadOnlyVolume(pod, mount.getName()));
        }

        ObjectNode linux = (ObjectNode) config.get("linux");
        for (var namespace : linux.get("namespaces")) {
            if (namespace.path("type").asText().equals("network")) {
                ((ObjectNode) namespace).put("path", "/var/run/netns/" + networkNamespace(pod));
            }
        }
        Quantity memory = container.getResources() == null || container.getResources().getLimits() == null ? null
                : container.getResources().getLimits().get("memory");
        if (memory != null) {
            linux.with("resources").with("memory").put("limit", Quantity.getAmountInBytes(memory).longValue());
        }
        return true;
    }

    private String networkNamespace(Workload pod) {
        return Boolean.TRUE.equals(pod.spec().getHostNetwork()) ? PodNetwork.HUB
                : PodNetwork.namespaceOf(pod.podName());
    }

    /** The environment in the kubelet's order: image, Service variables, envFrom in order, then env. */
    private Map<String, String> environment(Workload pod, Container container, PodImages.ImageConfig image,
            String where) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : image.env()) {
            int equals = entry.indexOf('=');
            env.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        if (!Boolean.FALSE.equals(pod.spec().getEnableServiceLinks())) {
            env.putAll(serviceLinks());
        }
        for (EnvFromSource source : Optional.ofNullable(container.getEnvFrom()).orElse(List.<EnvFromSource>of())) {
            String prefix = Optional.ofNullable(source.getPrefix()).orElse("");
            Optional<Map<String, byte[]>> data;
            String what;
            boolean optional;
            if (source.getSecretRef() != null) {
                what = "Secret " + source.getSecretRef().getName();
                data = manifest.secret(source.getSecretRef().getName());
                optional = Boolean.TRUE.equals(source.getSecretRef().getOptional());
            } else {
                what = "ConfigMap " + source.getConfigMapRef().getName();
                data = manifest.configMap(source.getConfigMapRef().getName());
                optional = Boolean.TRUE.equals(source.getConfigMapRef().getOptional());
            }
            if (data.isEmpty() && !optional) {
                defects.add(where + ": envFrom " + what + " is created by nothing in the chart"
                        + " (CreateContainerConfigError)");
            }
            data.ifPresent(values -> values.forEach((key, value) -> env.put(prefix + key, new String(value,
                    java.nio.charset.StandardCharsets.UTF_8))));
        }
        for (EnvVar variable : Optional.ofNullable(container.getEnv()).orElse(List.<EnvVar>of())) {
            env.put(variable.getName(), valueOf(variable, pod, env, where));
        }
        return env;
    }

    private String valueOf(EnvVar variable, Workload pod, Map<String, String> env, String where) {
        if (variable.getValueFrom() == null) {
            return expand(List.of(Optional.ofNullable(variable.getValue()).orElse("")), env).get(0);
        }
        var from = variable.getValueFrom();
        if (from.getFieldRef() != null) {
            return switch (from.getFieldRef().getFieldPath()) {
                case "metadata.namespace" -> NAMESPACE;
                case "metadata.name" -> pod.podName();
                case "status.podIP", "status.hostIP" -> podAddresses.get(pod.podName());
                default -> throw new IllegalStateException(where + ": fieldRef " + from.getFieldRef().getFieldPath()
                        + " is not emulated here");
            };
        }
        String kind = from.getSecretKeyRef() != null ? "Secret" : "ConfigMap";
        String name = from.getSecretKeyRef() != null ? from.getSecretKeyRef().getName()
                : from.getConfigMapKeyRef().getName();
        String key = from.getSecretKeyRef() != null ? from.getSecretKeyRef().getKey() : from.getConfigMapKeyRef().getKey();
        Optional<byte[]> value = (kind.equals("Secret") ? manifest.secret(name) : manifest.configMap(name))
                .map(data -> data.get(key));
        if (value.isEmpty()) {
            defects.add(where + ": env " + variable.getName() + " refers to " + kind + " " + name + " key " + key
                    + ", which nothing in the chart creates (CreateContainerConfigError)");
            return "";
        }
        return new String(value.get(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The variables the kubelet adds for every Service with a cluster address (enableServiceLinks, on by default). */
    private Map<String, String> serviceLinks() {
        Map<String, String> links = new LinkedHashMap<>();
        for (Service service : manifest.services()) {
            String name = service.getMetadata().getName();
            String address = serviceAddresses.get(name);
            if (address == null || "None".equals(service.getSpec().getClusterIP())) {
                continue;
            }
            String prefix = name.toUpperCase(Locale.ROOT).replace('-', '_');
            List<ServicePort> ports = service.getSpec().getPorts();
            address = address.substring(0, address.indexOf(':'));
            links.put(prefix + "_SERVICE_HOST", address);
            links.put(prefix + "_SERVICE_PORT", String.valueOf(ports.get(0).getPort()));
            String firstProtocol = protocol(ports.get(0).getProtocol());
            links.put(prefix + "_PORT", firstProtocol + "://" + address + ":" + ports.get(0).getPort());
            for (ServicePort port : ports) {
                String protocol = protocol(port.getProtocol());
                String base = prefix + "_PORT_" + port.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
                if (port.getName() != null) {
                    links.put(prefix + "_SERVICE_PORT_" + port.getName().toUpperCase(Locale.ROOT).replace('-', '_'),
                            String.valueOf(port.getPort()));
                }
                links.put(base, protocol + "://" + address + ":" + port.getPort());
                links.put(base + "_PROTO", protocol);
                links.put(base + "_PORT", String.valueOf(port.getPort()));
                links.put(base + "_ADDR", address);
            }
        }
        return links;
    }

    /** {@code $(NAME)} references to variables defined so far, as the kubelet expands them; {@code $$} escapes. */
    private static List<String> expand(List<String> values, Map<String, String> env) {
        List<String> expanded = new ArrayList<>();
        for (String value : values) {
            StringBuilder result = new StringBuilder();
            int index = 0;
            while (index < value.length()) {
                if (value.startsWith("$$", index)) {
                    result.append('$');
                    index += 2;
                    continue;
                }
                Matcher reference = REFERENCE.matcher(value).region(index, value.length());
                if (reference.lookingAt() && env.containsKey(reference.group(1))) {
                    result.append(env.get(reference.group(1)));
                    index = reference.end();
                } else {
                    result.append(value.charAt(index++));
                }
            }
            expanded.add(result.toString());
        }
        return expanded;
    }

    private static void capabilities(ObjectNode process, Capabilities capabilities) {
        Set<String> set = new LinkedHashSet<>(DEFAULT_CAPABILITIES);
        if (capabilities != null && capabilities.getDrop() != null) {
            if (capabilities.getDrop().contains("ALL")) {
                set.clear();
            }
            capabilities.getDrop().forEach(set::remove);
        }
        if (capabilities != null && capabilities.getAdd() != null) {
            set.addAll(capabilities.getAdd());
        }
        ObjectNode node = process.putObject("capabilities");
        for (String kind : List.of("bounding", "effective", "permitted")) {
            ArrayNode array = node.putArray(kind);
            set.forEach(name -> array.add("CAP_" + name));
        }
    }

    /**
     * Each volume as a directory on this machine. Secret, ConfigMap and projected volumes hold their files with
     * the spec's modes; with an fsGroup the kubelet makes them group-owned by it and group-readable (Secret and
     * ConfigMap volumes are read-only, so it adds 0440), and emptyDirs group-owned and setgid.
     */
    private Map<String, Path> writeVolumes(Workload pod, Path directory) {
        Map<String, Path> paths = new LinkedHashMap<>();
        Long fsGroup = pod.spec().getSecurityContext() == null ? null : pod.spec().getSecurityContext().getFsGroup();
        for (Volume volume : Optional.ofNullable(pod.spec().getVolumes()).orElse(List.<Volume>of())) {
            Path path = directory.resolve(volume.getName());
            createDirectory(path);
            boolean written = true;
            if (volume.getSecret() != null) {
                written = project(pod, "Secret", volume.getSecret().getSecretName(), volume.getSecret().getItems(),
                        volume.getSecret().getOptional(), volume.getSecret().getDefaultMode(), path);
            } else if (volume.getConfigMap() != null) {
                written = project(pod, "ConfigMap", volume.getConfigMap().getName(), volume.getConfigMap().getItems(),
                        volume.getConfigMap().getOptional(), volume.getConfigMap().getDefaultMode(), path);
            } else if (volume.getProjected() != null) {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    Integer mode = volume.getProjected().getDefaultMode();
                    if (source.getSecret() != null) {
                        written &= project(pod, "Secret", source.getSecret().getName(), source.getSecret().getItems(),
                                source.getSecret().getOptional(), mode, path);
                    } else if (source.getConfigMap() != null) {
                        written &= project(pod, "ConfigMap", source.getConfigMap().getName(),
                                source.getConfigMap().getItems(), source.getConfigMap().getOptional(), mode, path);
                    }
                }
            } else if (volume.getEmptyDir() != null) {
                chmod(path, 0777);
                if (fsGroup != null) {
                    chown(path, 0, fsGroup);
                    Shell.run("chmod", "g+s", path.toString());
                }
            } else if (volume.getPersistentVolumeClaim() != null) {
                chmod(path, 0777);
            } else {
                defects.add(pod.podName() + ": volume " + volume.getName() + " of a kind this run does not emulate");
                written = false;
            }
            if (written && fsGroup != null && isReadOnlyVolume(volume)) {
                applyFsGroup(path, fsGroup);
            }
            if (written) {
                paths.put(volume.getName(), path);
            }
        }
        return paths;
    }

    private boolean project(Workload pod, String kind, String name, List<KeyToPath> items, Boolean optional,
            Integer defaultMode, Path directory) {
        Optional<Map<String, byte[]>> data = kind.equals("Secret") ? manifest.secret(name) : manifest.configMap(name);
        if (data.isEmpty() && kind.equals("Secret") && manifest.certificateCreates(name)) {
            data = Optional.of(DebianCoturn.selfSignedCertificate(work.resolve("certificates").resolve(name)));
        }
        if (data.isEmpty()) {
            if (Boolean.TRUE.equals(optional)) {
                return true;
            }
            defects.add(pod.podName() + ": " + kind + " " + name + " is created by nothing in the chart (the pod stays"
                    + " in ContainerCreating)");
            if (!name.endsWith("-tls")) {
                return false;
            }
            // A certificate Secret: a self-signed one lets the run go on to what the pod does next.
            data = Optional.of(DebianCoturn.selfSignedCertificate(work.resolve("certificates").resolve(name)));
        }
        int mode = defaultMode == null ? 0644 : defaultMode;
        List<KeyToPath> files = items == null || items.isEmpty()
                ? data.get().keySet().stream().map(key -> new KeyToPath(key, null, key)).toList() : items;
        for (KeyToPath file : files) {
            byte[] content = data.get().get(file.getKey());
            if (content == null) {
                defects.add(pod.podName() + ": " + kind + " " + name + " has no key " + file.getKey());
                return false;
            }
            Path target = directory.resolve(file.getPath());
            createDirectory(target.getParent());
            try {
                Files.write(target, content);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            chmod(target, file.getMode() == null ? mode : file.getMode());
        }
        return true;
    }

    private static void applyFsGroup(Path directory, long fsGroup) {
        Shell.run("chgrp", "-R", String.valueOf(fsGroup), directory.toString());
        Shell.run("find", directory.toString(), "-type", "f", "-exec", "chmod", "g+r", "{}", "+");
        Shell.run("find", directory.toString(), "-type", "d", "-exec", "chmod", "g+rxs", "{}", "+");
    }

    private boolean isReadOnlyVolume(Workload pod, String name) {
        return Optional.ofNullable(pod.spec().getVolumes()).orElse(List.of()).stream()
                .filter(volume -> volume.getName().equals(name)).anyMatch(PodRunner::isReadOnlyVolume);
    }

    /** Secret, ConfigMap and projected volumes are always mounted read-only by the kubelet. */
    private static boolean isReadOnlyVolume(Volume volume) {
        return volume.getSecret() != null || volume.getConfigMap() != null || volume.getProjected() != null;
    }

    private static void bind(ArrayNode mounts, Path source, String destination, boolean readOnly) {
        ObjectNode mount = mounts.addObject();
        mount.put("destination", destination);
        mount.put("type", "bind");
        mount.put("source", source.toString());
        ArrayNode options = mount.putArray("options");
        options.add("rbind");
        options.add(readOnly ? "ro" : "rw");
        options.add("nosuid");
        options.add("nodev");
    }

    private static Optional<Workload> find(List<Workload> pods, Map<String, String> selector) {
        if (selector == null || selector.isEmpty()) {
            return Optional.empty();
        }
        return pods.stream().filter(pod -> pod.labels() != null
                && pod.labels().entrySet().containsAll(selector.entrySet())).findFirst();
    }

    private static int targetPort(Workload target, ServicePort port) {
        IntOrString targetPort = port.getTargetPort() == null ? new IntOrString(port.getPort()) : port.getTargetPort();
        if (targetPort.getIntVal() != null) {
            return targetPort.getIntVal();
        }
        return target.spec().getContainers().stream().flatMap(container -> container.getPorts().stream())
                .filter(containerPort -> targetPort.getStrVal().equals(containerPort.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalStateException("Service port " + port.getName() + " names no container"
                        + " port of " + target.name()));
    }

    private static int portNumber(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new IllegalStateException(container.getName() + " has no port " + port.getStrVal()));
    }

    private static String protocol(String protocol) {
        return protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
    }

    private static String names(String name) {
        return String.join(" ", name, name + "." + NAMESPACE, name + "." + NAMESPACE + ".svc",
                name + "." + NAMESPACE + ".svc.cluster.local");
    }

    @SafeVarargs
    private static <T> T first(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private Path runcRoot() {
        return work.resolve("runc");
    }

    private static ObjectNode readConfig(Path bundle) {
        try {
            return (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeConfig(Path bundle, ObjectNode config) {
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(bundle.resolve("config.json").toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            createDirectory(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void chmod(Path path, int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chown(Path path, long uid, long gid) {
        Shell.run("chown", uid + ":" + gid, path.toString());
    }

    @Override
    public void close() {
        List<RunningContainer> running;
        synchronized (this.running) {
            running = List.copyOf(this.running);
        }
        for (RunningContainer container : running) {
            Shell.exec(30, List.of("runc", "--root", runcRoot().toString(), "kill", container.id(), "KILL"));
        }
        for (RunningContainer container : running) {
            try {
                container.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Shell.exec(30, List.of("runc", "--root", runcRoot().toString(), "delete", "--force", container.id()));
        }
        network.close();
        // The unpacked root filesystems (several GB); the logs and volumes stay for reading.
        Shell.exec(120, List.of("find", work.resolve("pods").toString(), "-mindepth", "3", "-maxdepth", "3",
                "-name", "rootfs", "-type", "d", "-exec", "rm", "-rf", "{}", "+"));
    }

    /**
     * The kubelet creates a missing subPath inside a writable volume (an emptyDir) with the volume's own owner, group
     * and mode, so that a container can mount one directory of its scratch volume at a second path.
     */
    private static Path subPathOf(Path volume, String subPath) {
        Path directory = volume.resolve(subPath);
        if (!Files.exists(directory) && Files.isWritable(volume)) {
            try {
                Files.createDirectories(directory);
                Files.setPosixFilePermissions(directory, Files.getPosixFilePermissions(volume));
                Files.setAttribute(directory, "unix:uid", Files.getAttribute(volume, "unix:uid"));
                Files.setAttribute(directory, "unix:gid", Files.getAttribute(volume, "unix:gid"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot create subPath " + directory, e);
            }
        }
        return directory;
    }
}
