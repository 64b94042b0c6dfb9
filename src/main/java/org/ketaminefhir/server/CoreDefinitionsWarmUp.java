package org.ketaminefhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;

/**
 * Parses the core R4 StructureDefinitions on a second thread as soon as the application starts. HAPI's
 * search-parameter extractor needs them while Spring builds the context, and parsing them there took about 3 s of the
 * single start-up thread. HAPI keeps them in one cache per FHIR version, shared by every
 * {@link DefaultProfileValidationSupport}, so the extractor finds them parsed (or, if it comes first, parses them
 * itself, as before). Registered in {@code META-INF/spring.factories}, because the listener must exist before the
 * context does.
 */
public class CoreDefinitionsWarmUp implements ApplicationListener<ApplicationStartingEvent> {

    @Override
    public void onApplicationEvent(ApplicationStartingEvent event) {
        Thread warmUp = new Thread(
                () -> new DefaultProfileValidationSupport(FhirContext.forR4Cached()).fetchAllStructureDefinitions(),
                "core-definitions-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
