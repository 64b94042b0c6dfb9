package org.ketaminefhir.samples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Posts every sample bundle, in file-name order, when the database holds no Patient. It starts once the server is
 * ready, on a thread of its own, so the samples (whose first bundles also warm up the validator) do not delay the
 * moment the server answers; they are all there a few seconds later, as the log says. The implementation guide is
 * loaded before the server is ready, so the samples find their profiles. The bundles use conditional creates and
 * updates on business identifiers, so posting them again changes nothing.
 */
@Component
class SampleBundleLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleBundleLoader.class);

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;
    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final SampleDataProperties properties;

    SampleBundleLoader(
            FhirContext fhirContext,
            DaoRegistry daoRegistry,
            IFhirSystemDao<Bundle, Meta> systemDao,
            SampleDataProperties properties) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
        this.systemDao = systemDao;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        Thread loader = new Thread(this::load, "sample-loader");
        loader.setDaemon(true);
        loader.start();
    }

    void load() {
        if (!properties.loadWhenEmpty() || hasPatients()) {
            return;
        }
        Resource[] files = sampleFiles();
        try {
            for (Resource file : files) {
                systemDao.transaction(new SystemRequestDetails(), read(file));
            }
            log.info("Loaded {} sample bundles into the empty database", files.length);
        } catch (RuntimeException e) {
            log.error("Sample data not loaded completely", e);
        }
    }

    private boolean hasPatients() {
        SearchParameterMap anyPatient = SearchParameterMap.newSynchronous().setCount(1);
        return !daoRegistry.getResourceDao("Patient")
                .search(anyPatient, new SystemRequestDetails())
                .isEmpty();
    }

    static Resource[] sampleFiles() {
        try {
            Resource[] files =
                    new PathMatchingResourcePatternResolver().getResources("classpath*:sample-bundles/*.json");
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list sample-bundles/", e);
        }
    }

    private Bundle read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return fhirContext.newJsonParser().parseResource(Bundle.class, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample bundle " + file.getFilename(), e);
        }
    }
}
