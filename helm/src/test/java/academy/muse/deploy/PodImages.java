package academy.muse.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images of the pod run: the rendered image reference is looked up in the local registry that stands in
 * for the cluster's (its host name is the only part replaced), copied into an OCI layout with skopeo and
 * unpacked into a runtime bundle with umoci. coturn's image is the one exception: Debian's coturn from this
 * machine runs in its place (see {@link #isCoturn}).
 */
final class PodImages {

    /** What a container runtime takes from an image's config when the Pod spec leaves it open. */
    record ImageConfig(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final String fallbackTag;
    private final Path layout;

    /**
     * @param registry    the local registry, host:port
     * @param fallbackTag the tag {@code make images} pushes, tried when the rendered tag is missing (a defect the
     *                    caller reports; the run goes on so that it shows the next ones too)
     */
    PodImages(String registry, String fallbackTag, Path work) {
        this.registry = registry;
        this.fallbackTag = fallbackTag;
        this.layout = work.resolve("oci");
    }

    static boolean isCoturn(String image) {
        return repository(image).endsWith("coturn");
    }

    /** The reference in the local registry for a rendered image, e.g. registry.home.lan:5000/a/b:1 → 127.0.0.1:5455/a/b:1. */
    String local(String image) {
        return registry + "/" + repository(image) + ":" + tag(image);
    }

    boolean exists(String localReference) {
        return Shell.exec(60, List.of("skopeo", "inspect", "--tls-verify=false", "docker://" + localReference)).ok();
    }

    String withFallbackTag(String localReference) {
        return localReference.substring(0, localReference.lastIndexOf(':') + 1) + fallbackTag;
    }

    ImageConfig config(String localReference) {
        String json = Shell.run(60, "skopeo", "inspect", "--config", "--tls-verify=false", "docker://" + localReference);
        try {
            JsonNode config = JSON.readTree(json).path("config");
            return new ImageConfig(strings(config.path("Entrypoint")), strings(config.path("Cmd")),
                    strings(config.path("Env")), config.path("WorkingDir").asText("/"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Unpacks the image into {@code bundle} (rootfs plus umoci's config.json, which the caller rewrites). */
    void unpack(String localReference, Path bundle) {
        String name = localReference.substring(localReference.indexOf('/') + 1).replaceAll("[/:]", "-");
        if (!Files.isDirectory(layout) || !Shell.exec(List.of("umoci", "stat", "--image", layout + ":" + name)).ok()) {
            Shell.run("skopeo", "copy", "--quiet", "--src-tls-verify=false", "docker://" + localReference,
                    "oci:" + layout + ":" + name);
        }
        Shell.run("umoci", "unpack", "--image", layout + ":" + name, bundle.toString());
    }

    private static String repository(String image) {
        String withoutTag = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = withoutTag.indexOf('/');
        String first = slash < 0 ? "" : withoutTag.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            withoutTag = withoutTag.substring(slash + 1);
        }
        int colon = withoutTag.lastIndexOf(':');
        return colon < 0 ? withoutTag : withoutTag.substring(0, colon);
    }

    private static String tag(String image) {
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        return colon > slash ? image.substring(colon + 1) : "latest";
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
