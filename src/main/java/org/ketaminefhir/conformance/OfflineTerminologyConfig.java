package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.springframework.context.annotation.Configuration;

/**
 * Validation runs offline: LOINC, SNOMED CT, RxNorm and ICD-10-CM are not loaded into the server. Membership in the
 * guide's value sets is still checked (they list their codes), but a code system the server cannot resolve is a
 * warning, never a reason to refuse valid clinical data.
 */
@Configuration(proxyBeanMethods = false)
class OfflineTerminologyConfig {

    OfflineTerminologyConfig(FhirContext fhirContext, IValidationSupport validationSupport) {
        if (!(validationSupport instanceof ValidationSupportChain chain)) {
            throw new IllegalStateException("Expected HAPI's validation support chain, found " + validationSupport);
        }
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        chain.addValidationSupport(unknownCodeSystems);
    }
}
