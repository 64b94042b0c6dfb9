package org.ketaminefhir.intake.rules;

/** The code systems the rules match on, with the name used in reasons. */
public enum CodeSystem {
    SNOMED_CT("http://snomed.info/sct", "SNOMED CT"),
    ICD_10_CM("http://hl7.org/fhir/sid/icd-10-cm", "ICD-10-CM"),
    RXNORM("http://www.nlm.nih.gov/research/umls/rxnorm", "RxNorm"),
    ATC("http://www.whocc.no/atc", "ATC");

    private final String uri;
    private final String display;

    CodeSystem(String uri, String display) {
        this.uri = uri;
        this.display = display;
    }

    public String uri() {
        return uri;
    }

    public String display() {
        return display;
    }

    public ClinicalCode code(String code) {
        return new ClinicalCode(uri, code);
    }

    /** "SNOMED CT 69322001"; an unknown system is shown by its URI. */
    static String describe(ClinicalCode code) {
        for (CodeSystem system : values()) {
            if (system.uri.equals(code.system())) {
                return system.display + " " + code.code();
            }
        }
        return code.system() + " " + code.code();
    }
}
