package org.ketaminefhir.outcomes.rules;

/**
 * Change from baseline and treatment response. Response is a reduction of at least 50 % from baseline, the definition
 * used in ketamine and esketamine trials [SUSTAIN3] [FAVA] (shared/clinical-content.md §2.3).
 */
public final class Response {

    /** At least this fraction of the baseline score must be gone for a response. */
    public static final double RESPONSE_REDUCTION = 0.5;

    private Response() {}

    /** Latest minus baseline: negative when the score fell. */
    public static int change(int baseline, int latest) {
        return latest - baseline;
    }

    /** Change as a percentage of the baseline; undefined (null) for a baseline of 0. */
    public static Double percentChange(int baseline, int latest) {
        if (baseline == 0) {
            return null;
        }
        return 100.0 * (latest - baseline) / baseline;
    }

    /** A reduction of at least 50 % from a baseline above 0; a baseline of 0 leaves nothing to respond from. */
    public static boolean isResponse(int baseline, int latest) {
        return baseline > 0 && (baseline - latest) >= RESPONSE_REDUCTION * baseline;
    }
}
