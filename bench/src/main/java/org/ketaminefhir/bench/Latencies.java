package org.ketaminefhir.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects request latencies from several threads and reports percentiles. */
final class Latencies {

    private final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    int count() {
        return nanos.size();
    }

    double percentileMillis(double percentile) {
        List<Long> sorted;
        synchronized (nanos) {
            sorted = new ArrayList<>(nanos);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1_000_000.0;
    }

    String summary() {
        return String.format("p50 %7.1f ms  p95 %7.1f ms  p99 %7.1f ms",
                percentileMillis(50), percentileMillis(95), percentileMillis(99));
    }
}
