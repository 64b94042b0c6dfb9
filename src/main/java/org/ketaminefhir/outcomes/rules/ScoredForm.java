package org.ketaminefhir.outcomes.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The questionnaires the server scores, keyed by item: ours use the LOINC item codes as linkIds (with or without a
 * leading "/"), and so do the standard LOINC-coded forms EHRs send, e.g. the US Core PHQ-9. A total is the sum of
 * every item; none of these instruments has a proration rule in our reference, so a form with an unanswered item gets
 * no total, only a warning — never a guessed number.
 */
public enum ScoredForm {
    /** PHQ-9 items in LOINC panel 44249-1 order, each 0–3 (LL358-3) [USC] [LOINC]. */
    PHQ9(Instrument.PHQ9, "phq-9", 3, "44261-6",
            List.of("44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8")),
    /** GAD-7 items as listed in the PHQ-SADS panel 69729-2, each 0–3 [LOINC]. */
    GAD7(Instrument.GAD7, "gad-7", 3, "70274-6",
            List.of("69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7")),
    /** PCL-5: 20 items 0–4, total 0–80 [FORKUS]; no LOINC item codes in our reference, so our own linkIds. */
    PCL5(Instrument.PCL5, "pcl-5", 4, "pcl5-total",
            IntStream.rangeClosed(1, 20).mapToObj(i -> "pcl5-" + i).toList()),
    /** Pain 0–10 numeric rating, one item that is its own total, LOINC 72514-3 [VSAC]. */
    PAIN_NRS(Instrument.PAIN_NRS, "pain-nrs", 10, null, List.of("72514-3"));

    private final Instrument instrument;
    private final String questionnaireId;
    private final int itemMaximum;
    private final String statedTotalItem;
    private final List<String> items;

    ScoredForm(Instrument instrument, String questionnaireId, int itemMaximum, String statedTotalItem,
            List<String> items) {
        this.instrument = instrument;
        this.questionnaireId = questionnaireId;
        this.itemMaximum = itemMaximum;
        this.statedTotalItem = statedTotalItem;
        this.items = items;
    }

    public Instrument instrument() {
        return instrument;
    }

    public String title() {
        return instrument.title();
    }

    /** The id of our Questionnaire for this instrument. */
    public String questionnaireId() {
        return questionnaireId;
    }

    /** The item keys in form order. */
    public List<String> items() {
        return items;
    }

    /** The forms present among the answered items: at least half of a form's items, or its stated total. */
    public static List<ScoredForm> foundIn(Map<String, ItemAnswer> answers) {
        List<ScoredForm> found = new ArrayList<>();
        for (ScoredForm form : values()) {
            long answered = form.items.stream().filter(answers::containsKey).count();
            if (answered * 2 >= form.items.size() || (form.statedTotalItem != null && answers.containsKey(form.statedTotalItem))) {
                found.add(form);
            }
        }
        return found;
    }

    /** Scores this instrument from the answers on a form, keyed by item. */
    public FormScore score(Map<String, ItemAnswer> answers) {
        Map<String, Integer> points = new LinkedHashMap<>();
        List<String> unanswered = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (String item : items) {
            ItemAnswer answer = answers.get(item);
            if (answer == null) {
                unanswered.add(item);
                continue;
            }
            Optional<Integer> value = AnswerScores.points(answer).filter(p -> p >= 0 && p <= itemMaximum);
            if (value.isEmpty()) {
                warnings.add(title() + " item " + item + " has an answer worth no points between 0 and " + itemMaximum);
                unanswered.add(item);
            } else {
                points.put(item, value.get());
            }
        }
        Optional<Integer> stated = statedTotal(answers);
        Integer total = null;
        if (unanswered.isEmpty()) {
            total = points.values().stream().mapToInt(Integer::intValue).sum();
            if (stated.isPresent() && !stated.get().equals(total)) {
                warnings.add(title() + ": the form states a total of " + stated.get() + " but its items add up to " + total
                        + "; the computed total is used");
            }
        } else if (points.isEmpty() && stated.isPresent()) {
            total = stated.get();
        } else {
            warnings.add(title() + ": " + unanswered.size() + " of " + items.size() + " items unanswered ("
                    + String.join(", ", unanswered) + "); the total needs every item, so none is computed");
        }
        return new FormScore(this, total, points, warnings);
    }

    private Optional<Integer> statedTotal(Map<String, ItemAnswer> answers) {
        if (statedTotalItem == null || !answers.containsKey(statedTotalItem)) {
            return Optional.empty();
        }
        return AnswerScores.points(answers.get(statedTotalItem)).filter(instrument::isValidScore);
    }
}
