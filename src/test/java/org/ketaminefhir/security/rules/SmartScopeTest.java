package org.ketaminefhir.security.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmartScopeTest {

    @ParameterizedTest(name = "{0} → {1} {2} {3}")
    @CsvSource({
        "system/*.cruds, SYSTEM, *, cruds",
        "system/Observation.rs, SYSTEM, Observation, rs",
        "patient/*.rs, PATIENT, *, rs",
        "user/Patient.cud, USER, Patient, cud",
        "patient/Observation.read, PATIENT, Observation, rs",
        "user/*.write, USER, *, cud",
        "system/*.*, SYSTEM, *, cruds",
        "system/Patient.s, SYSTEM, Patient, s"
    })
    void clinicalScopesInV2AndV1Form(String scope, ScopeContext context, String type, String letters) {
        SmartScope parsed = SmartScope.parse(scope).orElseThrow();

        assertThat(parsed.context()).isEqualTo(context);
        assertThat(parsed.resourceType()).isEqualTo(type);
        assertThat(parsed.permissions()).isEqualTo(permissions(letters));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "openid", "launch/patient", "fhirUser", "system/*.rcuds", "system/*.xyz", "system/*.", "patient/observation.rs",
        "system/Observation.rs?category=laboratory", "admin/*.rs", "system/*.readwrite"
    })
    void anythingElseGrantsNothing(String scope) {
        assertThat(SmartScope.parse(scope)).isEmpty();
    }

    @Test
    void patientScopesNeedAPatientInContext() {
        assertThat(GrantedScopes.of("patient/*.rs system/Observation.r", null).scopes())
                .extracting(SmartScope::context)
                .containsExactly(ScopeContext.SYSTEM);
        GrantedScopes withPatient = GrantedScopes.of("patient/*.rs openid", "p-1");
        assertThat(withPatient.scopes()).hasSize(1);
        assertThat(withPatient.patient()).contains("p-1");
        assertThat(withPatient.grantsAny(Permission.READ)).isTrue();
        assertThat(withPatient.grantsAny(Permission.CREATE)).isFalse();
        assertThat(GrantedScopes.of(null, null).isEmpty()).isTrue();
    }

    private static Set<Permission> permissions(String letters) {
        Set<Permission> set = EnumSet.noneOf(Permission.class);
        for (Permission permission : Permission.values()) {
            if (letters.indexOf(permission.letter()) >= 0) {
                set.add(permission);
            }
        }
        return set;
    }
}
