package academy.muse.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * A small stand-in for a cluster network, made only of network namespaces this test creates: a hub namespace
 * (the "node": the store and the broker run there, probes and client requests start there) holding a bridge,
 * and one namespace per pod joined to it by a veth pair. kube-proxy's part, a Service's virtual address whose
 * port leads to the pod's target port, is an iptables DNAT rule inside each namespace. Nothing is configured
 * in the machine's own namespace, and no traffic leaves these namespaces.
 */
final class PodNetwork implements AutoCloseable {

    static final String HUB = "muse-podrun-hub";
    static final String HUB_ADDRESS = "10.89.0.1";
    private static final String BRIDGE = "mpr-br";
    static final String SERVICE_RANGE = "10.96.0.0/24";
    private static final String PREFIX = "muse-podrun-";

    private final List<String> namespaces = new ArrayList<>();
    private final List<String> dnatRules = new ArrayList<>();
    private int nextPod = 10;

    PodNetwork() {
        removeLeftovers();
        create(HUB);
        inHub("ip", "link", "add", BRIDGE, "type", "bridge");
        inHub("ip", "addr", "add", HUB_ADDRESS + "/24", "dev", BRIDGE);
        inHub("ip", "link", "set", BRIDGE, "up");
        // Service addresses are virtual: the hub needs a route for the first lookup, before its DNAT rule applies.
        inHub("ip", "route", "add", SERVICE_RANGE, "dev", BRIDGE);
    }

    /** A namespace for one pod, wired to the hub; returns the pod's address. */
    String addPod(String pod) {
        int index = nextPod++;
        String namespace = namespaceOf(pod);
        create(namespace);
        String hubSide = "mpr" + index;
        inHub("ip", "link", "add", hubSide, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        inHub("ip", "link", "set", hubSide, "master", BRIDGE);
        inHub("ip", "link", "set", hubSide, "up");
        String address = "10.89.0." + index;
        in(namespace, "ip", "addr", "add", address + "/24", "dev", "eth0");
        in(namespace, "ip", "link", "set", "eth0", "up");
        in(namespace, "ip", "route", "add", "default", "via", HUB_ADDRESS);
        return address;
    }

    /** kube-proxy's rule for one Service port, in every namespace: virtual address:port → pod address:target port. */
    void addServicePort(String virtualAddress, int port, String protocol, String podAddress, int targetPort) {
        dnatRules.add(String.join(" ", "-d", virtualAddress, "-p", protocol, "--dport", String.valueOf(port),
                "-j", "DNAT", "--to-destination", podAddress + ":" + targetPort));
    }

    /** Installs the Service rules in every namespace made so far (call once all pods and Services are known). */
    void applyServiceRules() {
        for (String namespace : namespaces) {
            for (String rule : dnatRules) {
                List<String> command = new ArrayList<>(List.of("iptables", "-t", "nat", "-A", "OUTPUT"));
                command.addAll(List.of(rule.split(" ")));
                in(namespace, command.toArray(String[]::new));
            }
        }
    }

    static String namespaceOf(String pod) {
        return PREFIX + pod;
    }

    String namespacePath(String pod) {
        return "/var/run/netns/" + namespaceOf(pod);
    }

    private void create(String namespace) {
        Shell.run("ip", "netns", "add", namespace);
        namespaces.add(namespace);
        in(namespace, "ip", "link", "set", "lo", "up");
    }

    private void inHub(String... command) {
        in(HUB, command);
    }

    private static void in(String namespace, String... command) {
        Shell.Result result = Shell.inNamespace(namespace, 30, command);
        if (!result.ok()) {
            throw new IllegalStateException("In " + namespace + ": " + String.join(" ", command) + " failed: "
                    + result.output());
        }
    }

    /** Namespaces a killed earlier run left behind (only ours, by their prefix). */
    private static void removeLeftovers() {
        for (String line : Shell.run("ip", "netns", "list").lines().toList()) {
            String name = line.split(" ")[0];
            if (name.startsWith(PREFIX)) {
                Shell.exec(List.of("ip", "netns", "delete", name));
            }
        }
    }

    @Override
    public void close() {
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            Shell.exec(List.of("ip", "netns", "delete", namespaces.get(i)));
        }
        namespaces.clear();
    }
}
