package org.ketaminefhir.samples;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.ResourceSearch;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Posts the sample bundles, in file-name order, into a database that holds no Patient. It starts once the server is
 * ready, on a thread of its own, so the samples (whose first bundles also warm up the validator) do not delay the
 * moment the server answers; they are all there a few seconds later, as the log says. The implementation guide is
 * loaded before the server is ready, so the samples find their profiles.
 *
 * <p>A stop lets the bundle being posted finish and posts no more. Each transaction is stored whole or not at all, so
 * an interrupted load (a stop, or a crash) leaves the first bundles there and the rest missing, and the next start
 * posts the rest. Which are there is told by each bundle's last entry, a conditional create or update that only that
 * bundle makes. A database whose samples are not such a prefix (the clinic's own data, or samples partly deleted) gets
 * none.
 */
@Component
class SampleBundleLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SampleBundleLoader.class);
    private static final Duration LONGEST_BUNDLE = Duration.ofSeconds(60);

    private final FhirContext fhirContext;
    private final DaoRegistry daoRegistry;
    private final IFhirSystemDao<Bundle, Meta> systemDao;
    private final MatchUrlService matchUrls;
    private final SampleDataProperties properties;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile Thread loader;

    SampleBundleLoader(
            FhirContext fhirContext,
            DaoRegistry daoRegistry,
            IFhirSystemDao<Bundle, Meta> systemDao,
            MatchUrlService matchUrls,
            SampleDataProperties properties) {
        this.fhirContext = fhirContext;
        this.daoRegistry = daoRegistry;
        this.systemDao = systemDao;
        this.matchUrls = matchUrls;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void loadInBackground() {
        if (!properties.loadWhenEmpty() || stopping) {
            return;
        }
        Thread thread = new Thread(this::load, "sample-loader");
        thread.setDaemon(true);
        loader = thread;
        thread.start();
    }

    void load() {
        List<SampleBundle> samples = Arrays.stream(sampleFiles()).map(this::read).toList();
        int firstMissing = 0;
        while (firstMissing < samples.size() && isStored(samples.get(firstMissing))) {
            firstMissing++;
        }
        if (firstMissing == samples.size() || !mayPostFrom(firstMissing, samples)) {
            return;
        }
        try {
            for (int i = firstMissing; i < samples.size(); i++) {
                if (stopping) {
                    log.info("Sample data: stopped after {} of {} bundles; the next start posts the rest", i,
                            samples.size());
                    return;
                }
                systemDao.transaction(new SystemRequestDetails(), samples.get(i).bundle());
            }
            log.info(firstMissing == 0
                    ? "Loaded {} sample bundles into the empty database"
                    : "Loaded the last {} sample bundles, after an interrupted load", samples.size() - firstMissing);
        } catch (RuntimeException e) {
            log.error("Sample data not loaded completely", e);
        }
    }

    /** From the first bundle: only into a database without patients. Further on: only if no later sample is there. */
    private boolean mayPostFrom(int firstMissing, List<SampleBundle> samples) {
        if (firstMissing == 0) {
            return !hasPatients();
        }
        return samples.subList(firstMissing + 1, samples.size()).stream().noneMatch(this::isStored);
    }

    private boolean isStored(SampleBundle sample) {
        ResourceSearch search = matchUrls.getResourceSearch(sample.lastEntryMatchUrl());
        SearchParameterMap map = search.getSearchParameterMap().setLoadSynchronous(true).setCount(1);
        return !daoRegistry.getResourceDao(search.getResourceName())
                .search(map, new SystemRequestDetails())
                .isEmpty();
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

    private SampleBundle read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            return new SampleBundle(fhirContext.newJsonParser().parseResource(Bundle.class, in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sample bundle " + file.getFilename(), e);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Lets the bundle being posted finish; this phase stops first, before anything that bundle needs. */
    @Override
    public void stop() {
        stopping = true;
        Thread thread = loader;
        if (thread != null) {
            try {
                thread.join(LONGEST_BUNDLE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                log.warn("Sample data: a bundle still posting after {} s; stopping anyway", LONGEST_BUNDLE.toSeconds());
            }
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
