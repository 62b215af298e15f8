package com.vidugateway.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hexagon's rules, checked on the compiled classes of every module. */
class HexagonArchitectureTest {

    private static final String[] FRAMEWORKS = {
        "io.micronaut..", "jakarta..", "javax.inject..", "com.fasterxml..", "lombok..", "picocli..", "io.netty..",
        "org.slf4j..", "reactor..", "org.reactivestreams..", "java.sql..", "javax.sql..", "okhttp3..", "okio..",
        "kotlin..", "org.jcodec..", "javax.imageio..", "java.awt.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Other modules' test-jars (test fixtures, contracts) are test code too: tests wire what they need.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.vidugateway");
    }

    /** The rule that no class in {@code layer} depends on a class in any of {@code packages}. */
    private static ArchRule noClassIn(String layer, String... packages) {
        return noClasses().that().resideInAPackage(layer).should().dependOnClassesThat().resideInAnyPackage(packages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.vidugateway.domain..", "com.vidugateway.application.."})
    void the_core_depends_on_no_framework(String layer) {
        noClassIn(layer, FRAMEWORKS).check(classes);
    }

    @Test
    void domain_knows_nothing_of_application_or_adapters() {
        noClassIn("com.vidugateway.domain..", "com.vidugateway.application..", "com.vidugateway.adapter..").check(classes);
    }

    @Test
    void application_knows_no_adapter() {
        noClassIn("com.vidugateway.application..", "com.vidugateway.adapter..").check(classes);
    }

    @Test
    void adapters_do_not_import_each_other() {
        String[] adapters = {"cli", "rest", "console", "modelverse", "fake", "persistence", "s3", "http", "webhook", "media"};
        for (String adapter : adapters) {
            String own = "com.vidugateway.adapter." + adapter + "..";
            for (String other : adapters) {
                if (!other.equals(adapter)) {
                    noClassIn(own, "com.vidugateway.adapter." + other + "..").allowEmptyShould(true).check(classes);
                }
            }
        }
    }

    @Test
    void the_provider_wire_knows_only_the_domain() {
        noClassIn("com.vidugateway.wire..", "com.vidugateway.application..", "com.vidugateway.adapter..",
                "com.vidugateway.bootstrap..", "io.micronaut.http..", "java.net.http..", "java.sql..", "okhttp3..")
                .check(classes);
    }

    /** What an outbound port is: a capability (an interface) and the values it takes and gives; no code behind it. */
    @Test
    void outbound_ports_are_interfaces_and_values_only() {
        classes().that().resideInAPackage("com.vidugateway.application.port.out..").and().areTopLevelClasses()
                .should().beInterfaces().orShould().beRecords().orShould().beEnums()
                .orShould().beAssignableTo(Exception.class)
                .check(classes);
    }

    /** The driving REST adapter answers; it calls nobody: webhooks, downloads and the provider are driven adapters'. */
    @Test
    void the_rest_and_console_adapters_make_no_outbound_http_calls() {
        noClasses().that().resideInAnyPackage("com.vidugateway.adapter.rest..", "com.vidugateway.adapter.console..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "java.net.http..",
                        "io.micronaut.http.client..", "org.apache.hc..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.Socket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javax.net.ssl.SSLSocket")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.net.HttpURLConnection")
                .check(classes);
    }

    @Test
    void only_bootstrap_knows_bootstrap() {
        noClasses().that().resideOutsideOfPackage("com.vidugateway.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("com.vidugateway.bootstrap..")
                .check(classes);
    }
}
