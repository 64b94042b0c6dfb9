package org.ketaminefhir.subscription;

/** Reads an R4 Subscription.criteria, a search URL such as {@code DetectedIssue?patient=Patient/123}. */
final class SubscriptionCriteria {

    private SubscriptionCriteria() {}

    static String resourceType(String criteria) {
        int query = criteria.indexOf('?');
        return (query < 0 ? criteria : criteria.substring(0, query)).trim();
    }
}
