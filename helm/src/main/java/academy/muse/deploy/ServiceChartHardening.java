package academy.muse.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place where a service's chart gets what quarkus-kubernetes 3.33 and quarkus-helm 1.3 cannot express
 * (everything they can express stays in the services' properties, mostly services/contracts'
 * microprofile-config.properties):
 * <ul>
 * <li>the restricted container securityContext and the pod's seccomp profile (Quarkus has only the pod's
 * runAsUser/runAsGroup/runAsNonRoot/fsGroup);</li>
 * <li>a ServiceAccount without token automount and a PodDisruptionBudget (Quarkus generates neither);</li>
 * <li>topology spread across nodes, nodeSelector and affinity as values, the preStop sleep and the grace period;</li>
 * <li>the release labels Helm expects ({@code managed-by} is always "quarkus" in quarkus-kubernetes' output);</li>
 * <li>a rollout annotation, and the media volume only with media kind filesystem (a Helm condition).</li>
 * </ul>
 * Edits are anchored on lines quarkus-helm writes; a missing anchor fails {@code make chart} loudly rather than
 * leaving a chart half hardened. Both GenerateCharts and the up-to-date test go through
 * {@link ChartSources#expectedServiceChart}, so the committed chart is always the generated one plus this.
 */
final class ServiceChartHardening {

    private static final String SELECTOR_LABELS = """
            app.kubernetes.io/name: %s
            app.kubernetes.io/part-of: muse-academy""";

    /** Pod-level fields, inserted before the pod's {@code containers:}. */
    private static final String POD_FIELDS = """
            automountServiceAccountToken: false
            terminationGracePeriodSeconds: {{ .Values.app.terminationGracePeriodSeconds }}
            {{- with .Values.app.nodeSelector }}
            nodeSelector:
              {{- toYaml . | nindent 8 }}
            {{- end }}
            {{- with .Values.app.affinity }}
            affinity:
              {{- toYaml . | nindent 8 }}
            {{- end }}
            topologySpreadConstraints:
              - maxSkew: 1
                topologyKey: kubernetes.io/hostname
                whenUnsatisfiable: ScheduleAnyway
                labelSelector:
                  matchLabels:
            %s
            """;

    /**
     * The container's restrictions, and a pause before SIGTERM: the endpoint leaves the Service and the ingress
     * while the pod still serves, so WebSockets and requests in flight are not cut by a pod that is already gone.
     */
    private static final String CONTAINER_FIELDS = """
            securityContext:
              allowPrivilegeEscalation: false
              readOnlyRootFilesystem: true
              capabilities:
                drop: [ALL]
            lifecycle:
              preStop:
                sleep:
                  seconds: {{ .Values.app.preStopSleepSeconds }}
            """;

    /**
     * Values for the fields above. Grace: the preStop sleep (10 s) plus Quarkus' quarkus.shutdown.timeout (20 s)
     * plus a margin; the kubelet kills the JVM after it. amd64 until the images are multi-arch (issue 17).
     */
    private static final String VALUES = """
            nodeSelector:
              kubernetes.io/arch: amd64
            affinity: {}
            preStopSleepSeconds: 10
            terminationGracePeriodSeconds: 40
            """;

    /**
     * Every {@code helm upgrade} rolls the pods: muse-config and the service's Secrets belong to the umbrella, and a
     * subchart cannot hash its parent's objects (it sees only its own values and globals).
     */
    private static final String ROLLOUT_ANNOTATION = "muse.academy/release-revision: {{ .Release.Revision | quote }}";

    /** With media kind s3 (umbrella: global.media.kind) the pods mount no claim; filesystem is the default. */
    private static final String IF_FILESYSTEM_MEDIA =
            "{{- if eq (dig \"media\" \"kind\" \"filesystem\" (.Values.global | default dict)) \"filesystem\" }}";

    private static final String SERVICE_ACCOUNT = """
            # The identity the pods run as: no Kubernetes API access, and no token mounted into the pods.
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: %1$s
              labels:
            %2$s
            automountServiceAccountToken: false
            """;

    /**
     * maxUnavailable 1, not minAvailable 1: with a single replica minAvailable 1 would block every node drain for
     * good; maxUnavailable 1 lets a lone replica be evicted (a short gap) and, with two or more, keeps all but one.
     */
    private static final String DISRUPTION_BUDGET = """
            # A node drain evicts at most one pod of this Deployment at a time (a single replica can still move).
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: %1$s
              labels:
            %2$s
            spec:
              maxUnavailable: 1
              selector:
                matchLabels:
            %3$s
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ServiceChartHardening() {
    }

    /** The generated chart's files (relative path → content), hardened; new templates are added. */
    static Map<String, String> apply(String service, Map<String, String> generated) {
        Map<String, String> files = new TreeMap<>(generated);
        files.replaceAll((file, content) -> file.startsWith("templates/") ? releaseLabels(content) : content);
        files.put("templates/deployment.yaml", hardenDeployment(service, required(files, "templates/deployment.yaml")));
        files.put("values.yaml", required(files, "values.yaml").stripTrailing() + "\n" + indent(VALUES, 2) + "\n");
        files.put("values.schema.json", withValuesSchema(required(files, "values.schema.json")));
        String labels = indent(SELECTOR_LABELS.formatted(service) + "\n" + releaseLabelLines(), 4);
        files.put("templates/serviceaccount.yaml", "---\n" + SERVICE_ACCOUNT.formatted(service, labels));
        files.put("templates/poddisruptionbudget.yaml", "---\n" + DISRUPTION_BUDGET.formatted(service, labels,
                indent(SELECTOR_LABELS.formatted(service), 6)));
        return files;
    }

    /** The values added above, described in the chart's schema like quarkus-helm's own (helm refuses a wrong type). */
    private static String withValuesSchema(String schema) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema);
            ObjectNode app = (ObjectNode) root.path("properties").path("app").path("properties");
            app.set("nodeSelector", property("object", "Node labels the pods must run on.", null));
            app.set("affinity", property("object", "Pod affinity and anti-affinity, as in a pod spec.", null));
            app.set("preStopSleepSeconds", property("integer", "Seconds between leaving the Service and SIGTERM.", 0));
            app.set("terminationGracePeriodSeconds",
                    property("integer", "Seconds from the start of termination until the JVM is killed.", 1));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("quarkus-helm wrote an unreadable values.schema.json", e);
        }
    }

    private static ObjectNode property(String type, String description, Integer minimum) {
        ObjectNode property = JSON.createObjectNode().put("description", description).put("type", type);
        if (minimum != null) {
            property.put("minimum", minimum);
        }
        return property;
    }

    private static String hardenDeployment(String service, String deployment) {
        List<String> lines = new ArrayList<>(deployment.lines().toList());
        insertAfter(lines, "    metadata:", "      annotations:", indent(ROLLOUT_ANNOTATION, 8));
        insertAfter(lines, "      securityContext:", null, indent("seccompProfile:\n  type: RuntimeDefault", 8));
        insertAfter(lines, "          imagePullPolicy: IfNotPresent", null, indent(CONTAINER_FIELDS, 10));
        int containers = indexOf(lines, "      containers:");
        lines.addAll(containers, indent(POD_FIELDS.formatted(indent(SELECTOR_LABELS.formatted(service), 8)), 6)
                .lines().toList());
        if (lines.contains("        - name: media")) {
            wrapListItem(lines, "        - name: media");
            wrapListItem(lines, "            - mountPath: /media");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Inserts {@code text} after the line {@code anchor} (or after {@code thenLine} right below it, when given). */
    private static void insertAfter(List<String> lines, String anchor, String thenLine, String text) {
        int at = indexOf(lines, anchor) + 1;
        if (thenLine != null) {
            if (!lines.get(at).equals(thenLine)) {
                throw new IllegalStateException("Expected '" + thenLine + "' after '" + anchor + "'");
            }
            at++;
        }
        lines.addAll(at, text.lines().toList());
    }

    /** Puts the list item starting at {@code firstLine} (and its deeper-indented lines) under the media condition. */
    private static void wrapListItem(List<String> lines, String firstLine) {
        int start = indexOf(lines, firstLine);
        int depth = firstLine.indexOf('-');
        int end = start + 1;
        while (end < lines.size() && depth(lines.get(end)) > depth) {
            end++;
        }
        String pad = " ".repeat(depth);
        lines.add(end, pad + "{{- end }}");
        lines.add(start, pad + IF_FILESYSTEM_MEDIA);
    }

    /**
     * Helm's own value for managed-by, and every label block in a fixed order: quarkus-kubernetes writes labels in
     * a different order from one build to the next, which would make each make chart a spurious change.
     */
    private static String releaseLabels(String template) {
        List<String> lines = new ArrayList<>(template.replace("app.kubernetes.io/managed-by: quarkus",
                "app.kubernetes.io/managed-by: {{ .Release.Service }}").lines().toList());
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches(" *(labels|matchLabels|selector):")) {
                int depth = depth(lines.get(i));
                int end = i + 1;
                while (end < lines.size() && depth(lines.get(end)) > depth && !lines.get(end).endsWith(":")) {
                    end++;
                }
                lines.subList(i + 1, end).sort(null);
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int depth(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String releaseLabelLines() {
        return "app.kubernetes.io/managed-by: {{ .Release.Service }}\napp.kubernetes.io/instance: {{ .Release.Name }}";
    }

    private static int indexOf(List<String> lines, String line) {
        int index = lines.indexOf(line);
        if (index < 0) {
            throw new IllegalStateException("quarkus-helm's output changed: no line '" + line + "' to anchor on");
        }
        return index;
    }

    private static String required(Map<String, String> files, String file) {
        String content = files.get(file);
        if (content == null) {
            throw new IllegalStateException("quarkus-helm wrote no " + file);
        }
        return content;
    }

    private static String indent(String text, int spaces) {
        return text.stripTrailing().indent(spaces).stripTrailing();
    }
}
