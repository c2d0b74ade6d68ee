package academy.muse.architecture;

import academy.muse.contracts.events.Events;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The import rules of docs/architecture.md, over the production classes of every module:
 * <ul>
 *   <li>a service (and the gateway) imports no other service's packages — they talk over REST and events;</li>
 *   <li>{@code contracts}, the platform modules and {@code mediastore}, the shared code, import no service's packages;</li>
 *   <li>the plain {@code contracts} module (event records and types, the problem, validation constraints) imports no
 *       Quarkus, SmallRye, Vert.x, MicroProfile, CDI, JAX-RS or MongoDB: the plumbing that needs them lives in the
 *       opt-in {@code platform/*} modules ({@code academy.muse.platform.*});</li>
 *   <li>no package cycle inside a module beyond the known ones frozen in {@link #KNOWN_CYCLES}.</li>
 * </ul>
 */
class DependencyRulesTest {

    private static final List<String> SERVICES =
            List.of("scheduling", "rooms", "signaling", "recordings", "vod", "gateway");
    private static final List<String> SHARED = List.of("contracts", "platform", "mediastore");

    private static JavaClasses production;

    @BeforeAll
    static void importEveryModule() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("academy.muse");
    }

    @Test
    void everyModuleIsOnTheClassPath() {
        for (String module : concat(SERVICES, SHARED)) {
            assertThat(production.stream().anyMatch(type -> type.getPackageName().startsWith("academy.muse." + module)))
                    .as(module + "'s classes were imported").isTrue();
        }
    }

    @Test
    void noServiceImportsAnotherService() {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream().filter(other -> !other.equals(service))
                    .map(DependencyRulesTest::packagesOf).toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(packagesOf(service))
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk over REST and events, never through each other's classes");
            rule.check(production);
        }
    }

    @Test
    void sharedCodeImportsNoService() {
        for (String shared : SHARED) {
            noClasses().that().resideInAPackage(packagesOf(shared))
                    .should().dependOnClassesThat()
                    .resideInAnyPackage(SERVICES.stream().map(DependencyRulesTest::packagesOf).toArray(String[]::new))
                    .because("contracts, platform and mediastore are shared by the services, so they cannot know any of them")
                    .check(production);
        }
    }

    @Test
    void thePlainContractsModuleImportsNoFrameworkAndNoStore() throws Exception {
        JavaClasses contracts = new ClassFileImporter().importLocations(Set.of(
                Location.of(Events.class.getProtectionDomain().getCodeSource().getLocation().toURI())));
        assertThat(contracts.stream().map(type -> type.getPackageName()).distinct())
                .as("the contracts module's own packages were imported, and no platform module's")
                .contains("academy.muse.contracts.events", "academy.muse.contracts.validation")
                .doesNotContain("academy.muse.platform.outbox", "academy.muse.platform.security");

        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..", "jakarta.enterprise..",
                        "jakarta.inject..", "jakarta.ws.rs..", "com.mongodb..", "org.bson..", "org.jboss..")
                .because("contracts is plain Java that publisher and consumer share; plumbing goes in platform/*")
                .check(contracts);
    }

    /**
     * The package cycles found when this test was written (issue 25), frozen so that no new one appears: each is the
     * set of packages (under {@code academy.muse.<module>}) the cycle runs through. Breaking one is welcome — the
     * test then asks for its line to go. recordings' cycles went with the UploadLifecycle/UploadStore rework of
     * issue 25; the others were not examined for a fix yet.
     */
    private static final Map<String, Set<Set<String>>> KNOWN_CYCLES = Map.of(
            "scheduling", Set.of(
                    Set.of("calendar", "config"), Set.of("calendar", "lesson", "config"),
                    Set.of("calendar", "lesson", "series", "config"), Set.of("config", "lesson"),
                    Set.of("config", "lesson", "series"), Set.of("lesson", "series")),
            "rooms", Set.of(Set.of("room", "ticket")),
            "signaling", Set.of(Set.of("config", "fanout", "room"), Set.of("config", "room"), Set.of("fanout", "room")),
            "vod", Set.of(Set.of("asset", "media"), Set.of("events", "job")),
            "gateway", Set.of(Set.of("auth", "invitation")));

    private static final Pattern CYCLE_MEMBER = Pattern.compile("^\\s*\\d+\\. Dependencies of Slice (\\S+)");

    @Test
    void noPackageCycleInsideAnyModuleBeyondTheKnownOnes() {
        for (String module : concat(SERVICES, SHARED)) {
            Set<Set<String>> found = new HashSet<>();
            slices().matching("academy.muse." + module + ".(*)..").should().beFreeOfCycles()
                    .evaluate(production).getFailureReport().getDetails()
                    .forEach(cycle -> found.add(cycle.lines().map(CYCLE_MEMBER::matcher).filter(Matcher::find)
                            .map(member -> member.group(1)).collect(Collectors.toSet())));
            Set<Set<String>> known = KNOWN_CYCLES.getOrDefault(module, Set.of());

            assertThat(found).as("package cycles in " + module + " (a new one: break it; see docs/architecture.md)")
                    .isSubsetOf(known);
            assertThat(known).as("cycles of " + module + " listed as known but gone: remove them from KNOWN_CYCLES")
                    .isSubsetOf(found);
        }
    }

    private static String packagesOf(String module) {
        return "academy.muse." + module + "..";
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
