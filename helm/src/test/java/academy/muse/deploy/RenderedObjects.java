package academy.muse.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The objects of a rendered chart, read strictly: an unknown field anywhere is an error, not a silent extra. */
final class RenderedObjects {

    private RenderedObjects() {
    }

    static List<HasMetadata> parse(String renderedYaml) {
        List<HasMetadata> objects = new ArrayList<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String document : renderedYaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(line -> line.isBlank() || line.trim().startsWith("#"))) {
                continue;
            }
            try {
                Map<?, ?> tree = yaml.readValue(document, Map.class);
                if (tree == null) {
                    continue;
                }
                HasMetadata object = Serialization.unmarshal(document);
                if (object instanceof GenericKubernetesResource) {
                    // A custom resource (cert-manager, Traefik): no schema here to read it strictly against.
                    objects.add(object);
                    continue;
                }
                List<String> unknown = new ArrayList<>();
                collectUnknownFields(object, object.getKind() + "/" + object.getMetadata().getName(), unknown,
                        new IdentityHashMap<>());
                if (!unknown.isEmpty()) {
                    throw new IllegalStateException("Unknown fields (not in the Kubernetes schema): " + unknown);
                }
                objects.add(object);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Not valid YAML: " + document, e);
            }
        }
        return objects;
    }

    /** fabric8 keeps fields it does not know in additionalProperties; any entry there is a typo or a wrong level. */
    private static void collectUnknownFields(Object node, String path, List<String> unknown, Map<Object, Object> seen) {
        if (node == null || seen.containsKey(node) || !node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        seen.put(node, node);
        try {
            for (PropertyDescriptor property : Introspector.getBeanInfo(node.getClass()).getPropertyDescriptors()) {
                Method getter = property.getReadMethod();
                if (getter == null || getter.getParameterCount() != 0 || property.getName().equals("class")) {
                    continue;
                }
                Object value = getter.invoke(node);
                if (property.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                } else if (value instanceof Collection<?> items) {
                    int index = 0;
                    for (Object item : items) {
                        collectUnknownFields(item, path + "." + property.getName() + "[" + index++ + "]", unknown, seen);
                    }
                } else if (value instanceof Map<?, ?> map && !Set.of("labels", "annotations", "data", "stringData",
                        "matchLabels", "nodeSelector", "selector", "requests", "limits").contains(property.getName())) {
                    map.forEach((key, item) -> collectUnknownFields(item, path + "." + key, unknown, seen));
                } else {
                    collectUnknownFields(value, path + "." + property.getName(), unknown, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new IllegalStateException("Cannot inspect " + path, e);
        }
    }
}
