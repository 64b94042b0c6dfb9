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
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Posts every sample bundle, in file-name order, when the database holds no Patient. Runs after the implementation
 * guide is loaded (the samples claim its profiles) and before the server accepts requests. The bundles use
 * conditional creates and updates on business identifiers, so posting them again changes nothing.
 */
@Component
@Order(SampleBundleLoader.ORDER)
class SampleBundleLoader implements ApplicationRunner {

    /** After the implementation guide (order 100). */
    static final int ORDER = 200;
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

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.loadWhenEmpty() || hasPatients()) {
            return;
        }
        Resource[] files = sampleFiles();
        for (Resource file : files) {
            systemDao.transaction(new SystemRequestDetails(), read(file));
        }
        log.info("Loaded {} sample bundles into the empty database", files.length);
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
