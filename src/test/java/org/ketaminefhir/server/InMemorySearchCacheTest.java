package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchStatusEnum;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The in-memory search cache must behave as HAPI's database cache does for the search coordinator. */
class InMemorySearchCacheTest {

    private static final RequestPartitionId DEFAULT = RequestPartitionId.defaultPartition();

    private final InMemorySearchCache cache = new InMemorySearchCache(new JpaStorageSettings());

    @Test
    void aFetchedSearchIsACopyOfWhatWasLastSaved() {
        Search search = search(SearchStatusEnum.LOADING);
        cache.save(search, DEFAULT);

        search.setNumFound(7);
        Search fetched = cache.fetchByUuid(search.getUuid(), DEFAULT).orElseThrow();
        assertThat(fetched).isNotSameAs(search);
        assertThat(fetched.getNumFound()).as("changed after the save, not saved").isZero();

        fetched.setStatus(SearchStatusEnum.FAILED);
        assertThat(cache.fetchByUuid(search.getUuid(), DEFAULT).orElseThrow().getStatus())
                .isEqualTo(SearchStatusEnum.LOADING);
        assertThat(cache.fetchByUuid(UUID.randomUUID().toString(), DEFAULT)).isEmpty();
    }

    @Test
    void resultsAreAppendedInOrderAndReadByRange() {
        Search search = search(SearchStatusEnum.LOADING);
        cache.save(search, DEFAULT);
        cache.storeResults(search, List.of(), pids(1, 13), null, DEFAULT);
        cache.storeResults(search, pids(1, 13), pids(14, 30), null, DEFAULT);

        assertThat(cache.fetchResultPids(search, 10, 15, null, DEFAULT)).isEqualTo(pids(11, 15));
        assertThat(cache.fetchResultPids(search, 25, 40, null, DEFAULT)).isEqualTo(pids(26, 30));
        assertThat(cache.fetchResultPids(search, 30, 40, null, DEFAULT)).isEmpty();
        assertThat(cache.fetchAllResultPids(search, null, DEFAULT)).isEqualTo(pids(1, 30));
        // Saving the search again (its status, its count) keeps its results.
        search.setStatus(SearchStatusEnum.FINISHED);
        cache.save(search, DEFAULT);
        assertThat(cache.fetchAllResultPids(search, null, DEFAULT)).hasSize(30);
    }

    @Test
    void anUnknownOrEvictedSearchHasNoResultsWhichHapiAnswersWith410() {
        assertThat(cache.fetchResultPids(search(SearchStatusEnum.FINISHED), 0, 10, null, DEFAULT)).isNull();
        assertThat(cache.fetchAllResultPids(search(SearchStatusEnum.FINISHED), null, DEFAULT)).isNull();
    }

    @Test
    void onlyOneCallerResumesASearchThatPausedBetweenPages() {
        Search paused = search(SearchStatusEnum.PASSCMPLET);
        cache.save(paused, DEFAULT);

        assertThat(cache.tryToMarkSearchAsInProgress(paused, DEFAULT))
                .hasValueSatisfying(s -> assertThat(s.getStatus()).isEqualTo(SearchStatusEnum.LOADING));
        assertThat(cache.tryToMarkSearchAsInProgress(paused, DEFAULT)).isEmpty();
        assertThat(cache.fetchByUuid(paused.getUuid(), DEFAULT).orElseThrow().getStatus())
                .isEqualTo(SearchStatusEnum.LOADING);
    }

    @Test
    void theCacheHoldsABoundedNumberOfResultIds() {
        Search first = search(SearchStatusEnum.FINISHED);
        cache.save(first, DEFAULT);
        cache.storeResults(first, List.of(), pids(1, InMemorySearchCache.MAX_RESULT_IDS - 10), null, DEFAULT);
        Search second = search(SearchStatusEnum.FINISHED);
        cache.save(second, DEFAULT);
        cache.storeResults(second, List.of(), pids(1, 1_000), null, DEFAULT);

        cache.pollForStaleSearchesAndDeleteThem(DEFAULT, java.time.Instant.now());
        long kept = java.util.stream.Stream.of(first, second)
                .filter(s -> cache.fetchByUuid(s.getUuid(), DEFAULT).isPresent())
                .count();
        assertThat(kept).isEqualTo(1);
    }

    private static Search search(SearchStatusEnum status) {
        Search search = new Search();
        search.setUuid(UUID.randomUUID().toString());
        search.setCreated(new Date());
        search.setStatus(status);
        search.setResourceType("Observation");
        return search;
    }

    private static List<JpaPid> pids(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(JpaPid::fromId).toList();
    }
}
