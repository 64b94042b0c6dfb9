package org.ketaminefhir.intake.rules;

import static org.ketaminefhir.intake.rules.CodeSet.exact;
import static org.ketaminefhir.intake.rules.CodeSet.startingWith;
import static org.ketaminefhir.intake.rules.CodeSystem.ATC;
import static org.ketaminefhir.intake.rules.CodeSystem.ICD_10_CM;
import static org.ketaminefhir.intake.rules.CodeSystem.RXNORM;
import static org.ketaminefhir.intake.rules.CodeSystem.SNOMED_CT;

/** Every code set the rules use, from shared/clinical-content.md, each with its source tag. */
final class CodeSets {

    private CodeSets() {}

    // ---- Conditions (§3.2) ----

    /** Psychotic disorder, schizophrenia; F29, F20.x, F25.x [VSAC] 2.16.840.1.113883.3.464.1003.105.12.1104. */
    static final CodeSet PSYCHOSIS = CodeSet.of(
            exact(SNOMED_CT, "69322001", "58214004"),
            exact(ICD_10_CM, "F29"),
            startingWith(ICD_10_CM, "F20", "F25"));

    /**
     * Substance abuse, harmful use of ketamine, ketamine dependence, opioid dependence; hallucinogen and other
     * psychoactive substance abuse, opioid dependence F11.2x [VSAC] 2.16.840.1.113883.3.464.1003.106.12.1001 [BHP].
     */
    static final CodeSet SUBSTANCE_USE_DISORDER = CodeSet.of(
            exact(SNOMED_CT, "66214007", "724713006", "724715004", "75544000"),
            exact(ICD_10_CM, "F16.10", "F19.10"),
            startingWith(ICD_10_CM, "F11.2"));

    /** Pregnancy (finding); Z33.1 pregnant state [VSAC] 2.16.840.1.113883.3.3157.4055. */
    static final CodeSet PREGNANCY = CodeSet.of(exact(SNOMED_CT, "77386006"), exact(ICD_10_CM, "Z33.1"));

    /** Pregnancy-status Observation value meaning pregnant (§2.2; 60001007 "Not pregnant" does not count) [USC] [VSAC]. */
    static final CodeSet PREGNANT_STATUS = CodeSet.of(exact(SNOMED_CT, "77386006"));

    /** Aneurysm, cerebral haemorrhage; Q28.2 cerebral AVM, I71.x aortic aneurysm [BE] [VSAC]. */
    static final CodeSet ANEURYSM_AVM_HAEMORRHAGE = CodeSet.of(
            exact(SNOMED_CT, "432119003", "274100004"),
            exact(ICD_10_CM, "Q28.2"),
            startingWith(ICD_10_CM, "I71"));

    /** Hypertensive disorder, essential hypertension; I10 [VSAC] 2.16.840.1.113883.3.600.263. */
    static final CodeSet HYPERTENSION = CodeSet.of(exact(SNOMED_CT, "38341003", "59621000"), exact(ICD_10_CM, "I10"));

    /** Ischaemic heart disease, heart failure; I25.x, I50.x (the reference lists "I25.9, I50.9 …") [VSAC]. */
    static final CodeSet CARDIAC_DISEASE = CodeSet.of(
            exact(SNOMED_CT, "414545008", "84114007"),
            startingWith(ICD_10_CM, "I25", "I50"));

    /**
     * K70–K76 [VSAC] 2.16.840.1.113883.3.464.1003.199.12.1035. The reference does not list the set's SNOMED codes, so
     * SNOMED-coded liver disease is not matched.
     */
    static final CodeSet LIVER_DISEASE = CodeSet.of(startingWith(ICD_10_CM, "K70", "K71", "K72", "K73", "K74", "K75", "K76"));

    /** Mother currently breastfeeding; Z39.1 [VSAC] 2.16.840.1.113762.1.4.1047.73. */
    static final CodeSet BREASTFEEDING = CodeSet.of(exact(SNOMED_CT, "866041003"), exact(ICD_10_CM, "Z39.1"));

    // ---- Medications (§3.4): RxNorm ingredient codes and ATC class prefixes ----

    /** Lorazepam, alprazolam, clonazepam, diazepam, midazolam [VSAC]; ATC N05BA, N05CD [ATC]. */
    static final CodeSet BENZODIAZEPINES = CodeSet.of(
            exact(RXNORM, "6470", "596", "2598", "3322", "6960"),
            startingWith(ATC, "N05BA", "N05CD"));

    /** ATC N02A [ATC]. The reference gives VSAC opioid sets by OID only, no RxNorm ingredient codes, so ATC only. */
    static final CodeSet OPIOIDS = CodeSet.of(startingWith(ATC, "N02A"));

    /**
     * Isocarboxazid, phenelzine, tranylcypromine, selegiline [VSAC]; ATC N06AF, N06AG [ATC]. These RxNorm codes are
     * SCD-level (clinical drug) codes as the reference lists them, not ingredients: only those exact products match.
     */
    static final CodeSet MAOIS = CodeSet.of(
            exact(RXNORM, "104837", "312347", "313447", "859186"),
            startingWith(ATC, "N06AF", "N06AG"));

    /** Sertraline, escitalopram, venlafaxine, bupropion [VSAC]; ATC N06A less the MAOI classes [ATC]. */
    static final CodeSet OTHER_ANTIDEPRESSANTS = CodeSet.of(
            exact(RXNORM, "36437", "321988", "39786", "42347"),
            startingWith(ATC, "N06A"))
            .excluding(MAOIS);

    /** Quetiapine, aripiprazole, olanzapine, risperidone [VSAC]; ATC N05A [ATC]. */
    static final CodeSet ANTIPSYCHOTICS = CodeSet.of(
            exact(RXNORM, "51272", "89013", "61381", "35636"),
            startingWith(ATC, "N05A"));

    /** RxNorm 28439 [VSAC]; ATC N03AX09 [ATC]. */
    static final CodeSet LAMOTRIGINE = CodeSet.of(exact(RXNORM, "28439"), exact(ATC, "N03AX09"));

    /** Methylphenidate, amphetamine [SPR] [VSAC]; the reference gives no ATC class for them. */
    static final CodeSet STIMULANTS = CodeSet.of(exact(RXNORM, "6901", "725"));

    /** Theophylline, aminophylline [KET-PI] [VSAC]. */
    static final CodeSet THEOPHYLLINES = CodeSet.of(exact(RXNORM, "10438", "689"));
}
