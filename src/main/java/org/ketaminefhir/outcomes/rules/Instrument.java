package org.ketaminefhir.outcomes.rules;

import java.util.List;
import java.util.Optional;

/**
 * The outcome instruments clinics follow, with their score range, severity bands and remission threshold. Sources are
 * the tags of shared/clinical-content.md §2.2–2.3.
 */
public enum Instrument {
    /** PHQ-9 total, LOINC 44261-6, 0–27; bands per LOINC LL382-3; remission &lt; 5 per CMS159 [LOINC] [CMS159]. */
    PHQ9("PHQ-9", "http://loinc.org", "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]", 27, 5, List.of(
            new SeverityBand(0, 4, "none-minimal", "None to minimal"),
            new SeverityBand(5, 9, "mild", "Mild"),
            new SeverityBand(10, 14, "moderate", "Moderate"),
            new SeverityBand(15, 19, "moderately-severe", "Moderately severe"),
            new SeverityBand(20, 27, "severe", "Severe"))),
    /**
     * GAD-7 total, LOINC 70274-6, 0–21; bands per Spitzer 2006 [GAD7]. Remission &lt; 5 is the top of the "minimal"
     * band; the reference gives no separate GAD-7 remission rule.
     */
    GAD7("GAD-7", "http://loinc.org", "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]", 21, 5, List.of(
            new SeverityBand(0, 4, "minimal", "Minimal"),
            new SeverityBand(5, 9, "mild", "Mild"),
            new SeverityBand(10, 14, "moderate", "Moderate"),
            new SeverityBand(15, 21, "severe", "Severe"))),
    /** PCL-5 total, local code, 0–80; the reference gives a cut-off (31–33), no bands and no remission rule [FORKUS]. */
    PCL5("PCL-5", "https://ketamine-fhir.org/ig/CodeSystem/ketamine-concepts", "pcl5-total",
            "PTSD Checklist for DSM-5 (PCL-5) total score", 80, null, List.of()),
    /** Pain numeric rating scale, LOINC 72514-3, 0–10 [VSAC]; no bands or remission rule in the reference. */
    PAIN_NRS("Pain NRS", "http://loinc.org", "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", 10, null, List.of());

    private final String title;
    private final String system;
    private final String code;
    private final String display;
    private final int maximum;
    private final Integer remissionBelow;
    private final List<SeverityBand> bands;

    Instrument(String title, String system, String code, String display, int maximum, Integer remissionBelow, List<SeverityBand> bands) {
        this.title = title;
        this.system = system;
        this.code = code;
        this.display = display;
        this.maximum = maximum;
        this.remissionBelow = remissionBelow;
        this.bands = bands;
    }

    /** The name clinicians use, e.g. "PHQ-9". */
    public String title() {
        return title;
    }

    public String system() {
        return system;
    }

    public String code() {
        return code;
    }

    public String display() {
        return display;
    }

    public int maximum() {
        return maximum;
    }

    public static Optional<Instrument> byCode(String system, String code) {
        for (Instrument instrument : values()) {
            if (instrument.system.equals(system) && instrument.code.equals(code)) {
                return Optional.of(instrument);
            }
        }
        return Optional.empty();
    }

    /** Whether the score is a possible total of this instrument. */
    public boolean isValidScore(double score) {
        return score >= 0 && score <= maximum && score == Math.rint(score);
    }

    /** The severity band of a valid score; empty when the instrument has no bands. */
    public Optional<SeverityBand> band(int score) {
        requireValid(score);
        return bands.stream().filter(b -> b.contains(score)).findFirst();
    }

    /** Whether a score counts as remission; empty when the reference gives the instrument no remission rule. */
    public Optional<Boolean> isRemission(int score) {
        requireValid(score);
        return Optional.ofNullable(remissionBelow).map(threshold -> score < threshold);
    }

    private void requireValid(int score) {
        if (!isValidScore(score)) {
            throw new IllegalArgumentException(name() + " scores are 0-" + maximum + ", not " + score);
        }
    }
}
