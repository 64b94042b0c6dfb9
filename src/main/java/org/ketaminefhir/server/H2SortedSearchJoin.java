package org.ketaminefhir.server;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lets H2 start a sorted search from its most selective table, typically a patient's links.
 *
 * <p>For a search with {@code _sort}, HAPI joins its search tables to the resource table {@code t1} and the sort
 * table with {@code LEFT OUTER JOIN ... ON ((t1.RES_ID = tN.RES_ID) ...)}. H2 hangs an outer join on the inner join
 * written before it and can evaluate it only once {@code t1} is evaluated, so it must visit {@code t1} before that
 * table. For {@code Observation?patient=X&code=Y&_sort=date} that leaves one cheap order: every Observation with the
 * code in the whole database first, then the patient's links. A patient's heart rates by date took 7.8 ms instead of
 * 0.3 ms on a bench database of 4,000 heart rates, and grows with the database. Every result row has
 * {@code t1.RES_ID} equal to the join column of that inner join, so the outer join may name that column instead;
 * the rows are the same, and H2 is free to start from the patient's links.
 *
 * <p>Only the exact shape HAPI 8.8.0 writes is rewritten; anything else (partitioned joins, other sorts) is left to
 * H2's own plan.
 */
final class H2SortedSearchJoin {

    private static final String ROOT = "SELECT t1.RES_ID FROM HFJ_RESOURCE t1 ";
    private static final String OUTER_JOIN = " LEFT OUTER JOIN ";
    private static final Pattern INNER_JOIN_ON_ROOT =
            Pattern.compile(" INNER JOIN \\w+ (t\\d+) ON \\(t1\\.RES_ID = \\1\\.(RES_ID|SRC_RESOURCE_ID)\\)");
    private static final Pattern OUTER_JOIN_ON_ROOT =
            Pattern.compile(" LEFT OUTER JOIN (\\w+) (t\\d+) ON \\(\\(t1\\.RES_ID = \\2\\.RES_ID\\)");

    private H2SortedSearchJoin() {}

    /** The query with its sort joins bound to the last inner join, or the same string if it is not that shape. */
    static String rewrite(String sql) {
        int firstOuterJoin = sql.indexOf(OUTER_JOIN);
        if (firstOuterJoin < 0 || !sql.startsWith(ROOT)) {
            return sql;
        }
        Matcher inner = INNER_JOIN_ON_ROOT.matcher(sql).region(0, firstOuterJoin);
        String lastInnerColumn = null;
        while (inner.find()) {
            lastInnerColumn = inner.group(1) + "." + inner.group(2);
        }
        if (lastInnerColumn == null) {
            return sql;
        }
        String replacement = " LEFT OUTER JOIN $1 $2 ON ((" + lastInnerColumn + " = $2.RES_ID)";
        return OUTER_JOIN_ON_ROOT.matcher(sql).replaceAll(replacement);
    }
}
