package org.ketaminefhir.guard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.StrictErrorHandler;
import org.springframework.context.annotation.Configuration;

/**
 * HAPI's default parser drops unknown elements and keeps going; a clinic's data would silently lose whatever a sender
 * misspelled. The strict handler turns every such case into a 400 OperationOutcome instead.
 */
@Configuration(proxyBeanMethods = false)
class StrictParsingConfig {

    StrictParsingConfig(FhirContext fhirContext) {
        fhirContext.setParserErrorHandler(new StrictErrorHandler());
    }
}
