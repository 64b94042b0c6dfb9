package org.ketaminefhir.intake.rules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class RulesArePlainJavaTest {

    @Test
    void rulesDependOnlyOnTheJdk() {
        classes()
                .that()
                .resideInAPackage("org.ketaminefhir.intake.rules..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.ketaminefhir.intake.rules..")
                .because("the FHIR adapter fills the inputs; the rules are unit-tested without Spring or HAPI")
                .check(new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.ketaminefhir.intake.rules"));
    }
}
