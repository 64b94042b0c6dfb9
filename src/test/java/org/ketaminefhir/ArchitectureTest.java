package org.ketaminefhir;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_FIELD_INJECTION;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The package-by-feature layout, checked on the compiled classes (no Spring context). */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.ketaminefhir");

    private static final JavaClasses TESTS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
            .importPackages("org.ketaminefhir");

    @Test
    void featurePackagesFormModulesWithoutCycles() {
        ApplicationModules.of(KetamineFhirApplication.class).verify();
    }

    @Test
    void theServerAssemblyImportsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("org.ketaminefhir.server..")
                .should()
                .dependOnClassesThat(resideInAPackage("org.ketaminefhir..")
                        .and(not(resideInAPackage("org.ketaminefhir.server..")))
                        .and(not(belongToAnyOf(KetamineFhirApplication.class))))
                .because("server only assembles HAPI; features plug in through beans")
                .check(MAIN);
    }

    @Test
    void clinicalRulesArePlainJava() {
        noClasses()
                .that()
                .resideInAPackage("org.ketaminefhir.*.rules..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "ca.uhn.fhir..", "org.hl7.fhir..")
                .because("clinical rules are unit-tested without Spring or HAPI; each feature's adapters translate FHIR")
                .check(MAIN);
    }

    @Test
    void codingRules() {
        NO_CLASSES_SHOULD_USE_FIELD_INJECTION.check(MAIN);
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }

    @Test
    void testsShareOneSpringContext() {
        noClasses()
                .that()
                .doNotHaveSimpleName("FhirServerTest")
                .should()
                .beAnnotatedWith("org.springframework.boot.test.context.SpringBootTest")
                .orShould()
                .beAnnotatedWith("org.springframework.test.annotation.DirtiesContext")
                .orShould()
                .beAnnotatedWith("org.springframework.test.context.TestPropertySource")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.test.context.bean.override.mockito.MockitoBean")
                .because("each distinct test configuration boots HAPI again; use @FhirServerTest")
                .check(TESTS);
    }
}
