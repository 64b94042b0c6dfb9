package org.ketaminefhir.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.resource.jdbc.spi.StatementInspector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Helps H2's planner with two of HAPI's queries; Hibernate's statement inspector, registered only when the database is
 * H2 (PostgreSQL plans both well).
 *
 * <p>Sorted searches: see {@link H2SortedSearchJoin}.
 *
 * <p>Patient {@code $everything}: HAPI asks for the ids of every resource linking to the patient, joined to
 * HFJ_RESOURCE, grouped and ordered by the source id. H2's cost model charges a sort to every joined index that is not
 * ordered by that column, so it prefers scanning all of HFJ_RESOURCE and probing the links by source id over seeking
 * the links by target id: 140 ms at 10 k resources became 11 s at 1 M. Limiting the link table to HAPI's target index ({@code IDX_RL_TGT_v2}) gives the seek
 * plan; the result rows are the same.
 */
public final class H2QueryHints implements StatementInspector {

    private static final Logger log = LoggerFactory.getLogger(H2QueryHints.class);

    static final String TARGET_INDEX = "IDX_RL_TGT_V2";
    private static final String QUERY_START = "SELECT DISTINCT t0.SRC_RESOURCE_ID FROM HFJ_RES_LINK t0 ";
    private static final String HINTED_START =
            "SELECT DISTINCT t0.SRC_RESOURCE_ID FROM HFJ_RES_LINK t0 USE INDEX (" + TARGET_INDEX + ") ";
    private static final String BY_TARGET_UPPER_CASE = "T0.TARGET_RESOURCE_ID = ";

    private boolean registered;
    private volatile boolean enabled;
    private final AtomicLong hintedQueries = new AtomicLong();
    private final AtomicLong rewrittenSortedSearches = new AtomicLong();

    /** Adds this inspector to the persistence unit's properties when the database is H2. */
    void registerIfH2(Map<String, Object> jpaProperties) {
        Object dialect = jpaProperties.get(AvailableSettings.DIALECT);
        registered = dialect != null && dialect.toString().contains("H2");
        if (registered) {
            jpaProperties.put(AvailableSettings.STATEMENT_INSPECTOR, this);
        }
    }

    @Override
    public String inspect(String sql) {
        if (!registered) {
            return sql;
        }
        String sorted = H2SortedSearchJoin.rewrite(sql);
        if (!sorted.equals(sql)) {
            rewrittenSortedSearches.incrementAndGet();
            return sorted;
        }
        if (enabled
                && sql.regionMatches(true, 0, QUERY_START, 0, QUERY_START.length())
                && sql.toUpperCase(Locale.ROOT).contains(BY_TARGET_UPPER_CASE)) {
            hintedQueries.incrementAndGet();
            return HINTED_START + sql.substring(QUERY_START.length());
        }
        return sql;
    }

    /** Turns the hint on once the schema is in place; H2 rejects a query naming an index it does not have. */
    void enableIfIndexExists(DataSource dataSource) {
        if (!registered) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE TABLE_NAME = 'HFJ_RES_LINK'"
                                + " AND INDEX_NAME = ?")) {
            query.setString(1, TARGET_INDEX);
            try (ResultSet rows = query.executeQuery()) {
                enabled = rows.next() && rows.getInt(1) > 0;
            }
        } catch (SQLException e) {
            enabled = false;
        }
        if (!enabled) {
            log.warn("Index {} not found on HFJ_RES_LINK; Patient $everything keeps H2's own plan", TARGET_INDEX);
        }
    }

    boolean isEnabled() {
        return enabled;
    }

    /** How many $everything queries got the hint since start-up. */
    long hintedQueries() {
        return hintedQueries.get();
    }

    /** How many sorted searches had their sort joins rewritten since start-up. */
    long rewrittenSortedSearches() {
        return rewrittenSortedSearches.get();
    }
}
