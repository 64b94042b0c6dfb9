package org.ketaminefhir.samples;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;

/** A sample bundle, and the match URL of its last entry, which tells whether the bundle is stored. */
record SampleBundle(Bundle bundle) {

    /**
     * {@code Type?identifier=...} of the last entry's conditional create ({@code ifNoneExist}) or conditional update.
     */
    String lastEntryMatchUrl() {
        BundleEntryRequestComponent request =
                bundle.getEntry().get(bundle.getEntry().size() - 1).getRequest();
        if (request.getMethod() == Bundle.HTTPVerb.POST && request.hasIfNoneExist()) {
            return request.getUrl() + "?" + request.getIfNoneExist();
        }
        if (request.getMethod() == Bundle.HTTPVerb.PUT && request.getUrl().contains("?")) {
            return request.getUrl();
        }
        throw new IllegalStateException("A sample bundle's last entry is not a conditional create or update: "
                + request.getMethod() + " " + request.getUrl());
    }
}
