package org.ketaminefhir.server;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.entity.Search;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.jpa.model.search.SearchStatusEnum;
import ca.uhn.fhir.jpa.search.cache.ISearchCacheSvc;
import ca.uhn.fhir.jpa.search.cache.ISearchResultCacheSvc;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.lang3.SerializationUtils;

/**
 * HAPI's search cache (each search behind a paging link, with its result list) kept in memory rather than in the
 * HFJ_SEARCH tables, used on the embedded H2 database only.
 *
 * <p>Why: with H2 every commit rewrites B-tree pages in the file, and HAPI stores each search and its results in
 * two or three transactions of their own, which made those commits most of a search's cost under load. An embedded
 * H2 file is open in one process only, so no other node needs these searches. PostgreSQL, shared by several nodes,
 * keeps HAPI's database cache, so a paging link works whichever node it reaches.
 *
 * <p>Each call gets its own copy of a search, as a database read would, so the search task and the requests
 * paging through it never share an object. Searches expire as HAPI's own do (after
 * {@link JpaStorageSettings#getExpireSearchResultsAfterMillis()} without use), and the cache holds at most
 * {@value #MAX_RESULT_IDS} result ids in all: a search pushed out before its pages are read answers 410 Gone, as an
 * expired one does.
 */
class InMemorySearchCache implements ISearchCacheSvc, ISearchResultCacheSvc {

    static final int MAX_RESULT_IDS = 500_000;

    private final Cache<String, Entry> searches;

    InMemorySearchCache(JpaStorageSettings settings) {
        this.searches = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMillis(settings.getExpireSearchResultsAfterMillis()))
                .maximumWeight(MAX_RESULT_IDS)
                .weigher((String uuid, Entry entry) -> 1 + entry.results().size())
                .build();
    }

    /** A search as last saved, and its result ids in order. Replaced, never changed, so the weight stays right. */
    private record Entry(Search search, List<JpaPid> results) {}

    @Override
    public Search save(Search search, RequestPartitionId partition) {
        Search stored = copyOf(search);
        searches.asMap().compute(search.getUuid(), (uuid, old) -> new Entry(stored, old == null ? List.of() : old.results()));
        return search;
    }

    @Override
    public Optional<Search> fetchByUuid(String uuid, RequestPartitionId partition) {
        Entry entry = searches.getIfPresent(uuid);
        return entry == null ? Optional.empty() : Optional.of(copyOf(entry.search()));
    }

    /** Only one caller may move a search that paused between pages back to loading, as with HAPI's row lock. */
    @Override
    public Optional<Search> tryToMarkSearchAsInProgress(Search search, RequestPartitionId partition) {
        AtomicReference<Search> marked = new AtomicReference<>();
        searches.asMap().computeIfPresent(search.getUuid(), (uuid, entry) -> {
            if (entry.search().getStatus() != SearchStatusEnum.PASSCMPLET) {
                return entry;
            }
            Search loading = copyOf(entry.search());
            loading.setStatus(SearchStatusEnum.LOADING);
            marked.set(copyOf(loading));
            return new Entry(loading, entry.results());
        });
        return Optional.ofNullable(marked.get());
    }

    @Override
    public Optional<Search> findCandidatesForReuse(
            String queryString, String resourceType, Instant createdAfter, RequestPartitionId partition) {
        String stored = Search.createSearchQueryStringForStorage(queryString, partition);
        return searches.asMap().values().stream()
                .map(Entry::search)
                .filter(s -> Objects.equals(s.getResourceType(), resourceType)
                        && stored.equals(s.getSearchQueryString())
                        && s.getCreated() != null
                        && s.getCreated().toInstant().isAfter(createdAfter)
                        && s.getStatus() != SearchStatusEnum.FAILED)
                .findFirst()
                .map(InMemorySearchCache::copyOf);
    }

    /** Expiry is the cache's own; this only lets it do its pending housekeeping now. */
    @Override
    public void pollForStaleSearchesAndDeleteThem(RequestPartitionId partition, Instant deadline) {
        searches.cleanUp();
    }

    @Override
    public void storeResults(
            Search search,
            List<JpaPid> previouslyStored,
            List<JpaPid> newResults,
            RequestDetails request,
            RequestPartitionId partition) {
        searches.asMap().computeIfPresent(search.getUuid(), (uuid, entry) -> {
            List<JpaPid> results = new ArrayList<>(entry.results().size() + newResults.size());
            results.addAll(entry.results());
            results.addAll(newResults);
            return new Entry(entry.search(), List.copyOf(results));
        });
    }

    @Override
    public List<JpaPid> fetchResultPids(
            Search search, int from, int to, RequestDetails request, RequestPartitionId partition) {
        List<JpaPid> results = resultsOf(search);
        if (results == null) {
            return null;
        }
        int end = Math.min(to, results.size());
        return from >= end ? List.of() : new ArrayList<>(results.subList(from, end));
    }

    @Override
    public List<JpaPid> fetchAllResultPids(Search search, RequestDetails request, RequestPartitionId partition) {
        List<JpaPid> results = resultsOf(search);
        return results == null ? null : new ArrayList<>(results);
    }

    private List<JpaPid> resultsOf(Search search) {
        Entry entry = searches.getIfPresent(search.getUuid());
        return entry == null ? null : entry.results();
    }

    private static Search copyOf(Search search) {
        return SerializationUtils.clone(search);
    }
}
