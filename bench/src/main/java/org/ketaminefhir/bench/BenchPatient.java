package org.ketaminefhir.bench;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/** One synthetic patient of a workload: who it is, and the transaction bundles that write their record, in order. */
abstract class BenchPatient {

    private final String mrn;
    private final String family;

    BenchPatient(String mrn, String family) {
        this.mrn = mrn;
        this.family = family;
    }

    abstract List<Bundle> bundles();

    /** The patient's MRN, the identifier the bundles' conditional create and references use. */
    final String mrn() {
        return mrn;
    }

    final String family() {
        return family;
    }
}
