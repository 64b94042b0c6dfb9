package org.ketaminefhir.outcomes.rules;

/** A closed range of scores with the band's code and name, e.g. PHQ-9 10–14 "moderate". */
public record SeverityBand(int low, int high, String code, String display) {

    public boolean contains(int score) {
        return score >= low && score <= high;
    }
}
