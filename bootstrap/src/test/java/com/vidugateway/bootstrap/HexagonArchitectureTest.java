package com.vidugateway.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon's rules, checked on the compiled classes of every module. */
class HexagonArchitectureTest {

    private static final String[] FRAMEWORKS = {
        "io.micronaut..", "jakarta..", "javax.inject..", "com.fasterxml..", "lombok..", "picocli..", "io.netty..",
        "org.slf4j..", "reactor..", "org.reactivestreams..", "java.sql..", "javax.sql..", "okhttp3..", "okio..",
        "kotlin.."
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

    @Test
    void domain_depends_on_no_framework() {
        noClasses().that().resideInAPackage("com.vidugateway.domain..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(classes);
    }

    @Test
    void application_depends_on_no_framework() {
        noClasses().that().resideInAPackage("com.vidugateway.application..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .check(classes);
    }

    @Test
    void domain_knows_nothing_of_application_or_adapters() {
        noClasses().that().resideInAPackage("com.vidugateway.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("com.vidugateway.application..", "com.vidugateway.adapter..")
                .check(classes);
    }

    @Test
    void application_knows_no_adapter() {
        noClasses().that().resideInAPackage("com.vidugateway.application..")
                .should().dependOnClassesThat().resideInAPackage("com.vidugateway.adapter..")
                .check(classes);
    }

    @Test
    void adapters_do_not_import_each_other() {
        String[] adapters = {"cli", "rest", "modelverse", "fake", "persistence", "s3", "http"};
        for (String adapter : adapters) {
            String own = "com.vidugateway.adapter." + adapter + "..";
            for (String other : adapters) {
                if (!other.equals(adapter)) {
                    ArchRule rule = noClasses().that().resideInAPackage(own)
                            .should().dependOnClassesThat().resideInAPackage("com.vidugateway.adapter." + other + "..")
                            .allowEmptyShould(true);
                    rule.check(classes);
                }
            }
        }
    }

    @Test
    void only_bootstrap_knows_bootstrap() {
        noClasses().that().resideOutsideOfPackage("com.vidugateway.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("com.vidugateway.bootstrap..")
                .check(classes);
    }
}
