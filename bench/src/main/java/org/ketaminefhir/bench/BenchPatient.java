package org.ketaminefhir.bench;

import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/** One synthetic patient of a workload: the transaction bundles that write their record, in order. */
interface BenchPatient {

    List<Bundle> bundles();

    /** The patient's MRN, the identifier the bundles' conditional create and references use. */
    String mrn();

    String family();
}
