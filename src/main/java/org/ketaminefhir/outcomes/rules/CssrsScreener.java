package org.ketaminefhir.outcomes.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The C-SSRS screener (recent) risk level from its yes/no items, LOINC item codes per [BHP] [LHC]. The triage is the
 * screener's own: a wish to be dead or suicidal thoughts alone is low risk, a method or lifetime behaviour moderate,
 * intent, a plan or behaviour in the past 3 months high. Items 3–5 are asked only after a yes to item 2, item 6b
 * only after a yes to item 6; when a follow-up that was due is missing there is no risk level, because guessing it
 * could under-triage.
 */
public final class CssrsScreener {

    public static final String WISH_TO_BE_DEAD = "93246-7";
    public static final String SUICIDAL_THOUGHTS = "93247-5";
    public static final String METHOD = "93248-3";
    public static final String INTENT = "93249-1";
    public static final String PLAN_WITH_INTENT = "93250-9";
    public static final String BEHAVIOUR_LIFETIME = "93267-3";
    public static final String BEHAVIOUR_PAST_3_MONTHS = "93269-9";

    /** The item keys in form order. */
    public static final List<String> ITEMS = List.of(
            WISH_TO_BE_DEAD, SUICIDAL_THOUGHTS, METHOD, INTENT, PLAN_WITH_INTENT, BEHAVIOUR_LIFETIME,
            BEHAVIOUR_PAST_3_MONTHS);

    /** Items 1, 2 and 6 are always asked; without them there is no risk level. */
    private static final List<String> ALWAYS_ASKED = List.of(WISH_TO_BE_DEAD, SUICIDAL_THOUGHTS, BEHAVIOUR_LIFETIME);

    private CssrsScreener() {}

    /** Whether the answered items look like a C-SSRS screener: at least two of the always-asked items. */
    public static boolean isFoundIn(Map<String, Boolean> answers) {
        return ALWAYS_ASKED.stream().filter(answers::containsKey).count() >= 2;
    }

    /** The risk level, or empty when an item that was due is unanswered. */
    public static Optional<CssrsRisk> risk(Map<String, Boolean> answers) {
        if (!missing(answers).isEmpty()) {
            return Optional.empty();
        }
        if (yes(answers, INTENT) || yes(answers, PLAN_WITH_INTENT) || yes(answers, BEHAVIOUR_PAST_3_MONTHS)) {
            return Optional.of(CssrsRisk.HIGH);
        }
        if (yes(answers, METHOD) || yes(answers, BEHAVIOUR_LIFETIME)) {
            return Optional.of(CssrsRisk.MODERATE);
        }
        if (yes(answers, WISH_TO_BE_DEAD) || yes(answers, SUICIDAL_THOUGHTS)) {
            return Optional.of(CssrsRisk.LOW);
        }
        return Optional.of(CssrsRisk.NONE);
    }

    /** The items that were due and are unanswered: the always-asked ones and the follow-ups of a yes. */
    public static List<String> missing(Map<String, Boolean> answers) {
        List<String> due = new ArrayList<>(List.of(WISH_TO_BE_DEAD, SUICIDAL_THOUGHTS));
        if (yes(answers, SUICIDAL_THOUGHTS)) {
            due.addAll(List.of(METHOD, INTENT, PLAN_WITH_INTENT));
        }
        due.add(BEHAVIOUR_LIFETIME);
        if (yes(answers, BEHAVIOUR_LIFETIME)) {
            due.add(BEHAVIOUR_PAST_3_MONTHS);
        }
        return due.stream().filter(item -> !answers.containsKey(item)).toList();
    }

    private static boolean yes(Map<String, Boolean> answers, String item) {
        return Boolean.TRUE.equals(answers.get(item));
    }
}
