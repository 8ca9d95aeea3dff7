package dev.sitrep.bot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.Slice;
import java.util.Set;

/**
 * The arrows bot → integrations → templates → commands, read from the compiled classes of every
 * module (bot's test classpath is the one that holds them all). Bytecode has no imports, only
 * references, so a fully-qualified name written inline is caught as surely as an import.
 */
@AnalyzeClasses(packages = "dev.sitrep", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    private static final Set<String> ADAPTERS = Set.of("redis", "slack", "discord", "postmortem", "paging", "web");

    @ArchTest
    static final ArchRule arrowsPointDownward = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Bot").definedBy("dev.sitrep.bot..")
            .layer("Integrations").definedBy("dev.sitrep.redis..", "dev.sitrep.slack..", "dev.sitrep.discord..",
                    "dev.sitrep.postmortem..", "dev.sitrep.paging..", "dev.sitrep.http..", "dev.sitrep.web..")
            .layer("Templates").definedBy("dev.sitrep.templates..")
            .layer("Commands").definedBy("dev.sitrep.commands..")
            .layer("Testkit").definedBy("dev.sitrep.testkit..")
            .whereLayer("Bot").mayNotBeAccessedByAnyLayer()
            .whereLayer("Testkit").mayNotBeAccessedByAnyLayer()
            .whereLayer("Integrations").mayOnlyBeAccessedByLayers("Bot")
            .whereLayer("Templates").mayOnlyBeAccessedByLayers("Bot", "Integrations");

    @ArchTest
    static final ArchRule adaptersNeverUseOneAnother = slices().matching("dev.sitrep.(*)..")
            .that(new DescribedPredicate<Slice>("are adapters " + ADAPTERS) {
                @Override
                public boolean test(Slice slice) {
                    return ADAPTERS.contains(slice.getNamePart(1));
                }
            })
            .should().notDependOnEachOther();

    /**
     * The one library adapters share ({@link #adaptersNeverUseOneAnother} leaves it out of the
     * adapters): the outbound HTTP policy. It knows no adapter, no template and nothing of the domain,
     * so sharing it couples no adapter to another.
     */
    @ArchTest
    static final ArchRule outboundPolicyStandsAlone = noClasses().that().resideInAPackage("dev.sitrep.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.sitrep.commands..", "dev.sitrep.templates..",
                    "dev.sitrep.redis..", "dev.sitrep.slack..", "dev.sitrep.discord..", "dev.sitrep.postmortem..",
                    "dev.sitrep.paging..", "dev.sitrep.bot..");

    /** The store keeps incidents; what they look like in a message is none of its business. */
    @ArchTest
    static final ArchRule redisRendersNothing = noClasses().that().resideInAPackage("dev.sitrep.redis..")
            .should().dependOnClassesThat().resideInAPackage("dev.sitrep.templates..");

    /** commands is the domain: the JDK and jspecify's nullness annotations, nothing of a framework or a platform. */
    @ArchTest
    static final ArchRule commandsUsesOnlyTheJdk = classes().that().resideInAPackage("dev.sitrep.commands..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.jspecify..", "dev.sitrep.commands..");

    /**
     * testkit holds the in-memory ports and the contract suites every adapter's tests run: the domain,
     * the JDK and the test libraries, nothing of an adapter (or a Redis suite would test Redis against Redis).
     */
    @ArchTest
    static final ArchRule testkitUsesOnlyTheDomainAndTestLibraries = classes().that()
            .resideInAPackage("dev.sitrep.testkit..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "org.jspecify..", "dev.sitrep.commands..", "dev.sitrep.testkit..",
                    "org.junit..", "org.assertj..");

    /**
     * sitrep-redis's test-jar (its Redis launcher, shared with bot's tests) is on this classpath as a
     * jar, which {@link ImportOption.DoNotIncludeTests} only recognises as a test-classes folder.
     */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar");
        }
    }
}
