package academy.muse.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code make images} hands the registry, the base image and the plain-HTTP switch to Jib, and the base image
 * script checks its arguments. Only the wiring: building and pushing real images takes minutes and a registry
 * (docs/images.md says how that was verified).
 */
class ImagesTargetTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void makeImagesPushesEveryServiceToTheGivenRegistryOnTheGivenBaseImage() throws Exception {
        String command = run("make", "-s", "-n", "images", "REGISTRY=registry.test:5000",
                "BASE_IMAGE=registry.test:5000/base/jre17:1").output();

        assertThat(command).contains("-Dquarkus.container-image.build=true", "-Dquarkus.container-image.push=true",
                "-Dquarkus.container-image.registry=registry.test:5000",
                "-Dquarkus.jib.base-jvm-image=registry.test:5000/base/jre17:1",
                "-Dquarkus.container-image.insecure=false", "-Dquarkus.helm.enabled=false");
        for (String module : ChartSources.SERVICES.values()) {
            assertThat(command).as("builds %s", module).contains(module);
        }
        assertThat(command).as("builds the MongoDB backup tool's image (backup/pom.xml reads the same switches)")
                .containsPattern("-pl \\S*,backup\\b");
    }

    @Test
    void aRegistryOnLoopbackIsSpokenToOverPlainHttpWithTheBaseImageBesideTheServices() throws Exception {
        String command = run("make", "-s", "-n", "images", "REGISTRY=127.0.0.1:5000").output();

        assertThat(command).contains("-Dquarkus.container-image.insecure=true",
                "-Dquarkus.jib.base-jvm-image=127.0.0.1:5000/muse-academy/jre17:bookworm");
    }

    /**
     * Jib tags each image with the project version unless something sets quarkus.container-image.tag; the chart
     * deploys its appVersion (make chart writes the project version there). Nothing may set another tag.
     */
    @Test
    void makeImagesPushesTheTagTheChartDeploys() throws Exception {
        String command = run("make", "-s", "-n", "images", "REGISTRY=registry.test:5000").output();
        assertThat(command).doesNotContain("container-image.tag");
        try (var files = Files.walk(ROOT.resolve("services"))) {
            assertThat(files.filter(file -> file.toString().endsWith(".properties") && !file.toString().contains("/target/"))
                    .filter(file -> read(file).contains("quarkus.container-image.tag")).toList()).isEmpty();
        }
        assertThat(read(ROOT.resolve("gateway/src/main/resources/application.properties")))
                .doesNotContain("quarkus.container-image.tag");
        assertThat(read(ROOT.resolve("backup/pom.xml"))).contains("/muse-academy/backup:${project.version}</image>");

        Matcher parent = Pattern
                .compile("<artifactId>muse-academy-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(read(ROOT.resolve("pom.xml")));
        assertThat(parent.find()).isTrue();
        assertThat(read(ROOT.resolve("helm/muse-academy/Chart.yaml"))).contains("appVersion: \"" + parent.group(1) + "\"");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theBaseImageScriptRefusesAnImageNameWithoutRegistryAndTag() throws Exception {
        Result result = run("devstack/bin/build-base-image", "--insecure", "jre17");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.output()).contains("usage:");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
