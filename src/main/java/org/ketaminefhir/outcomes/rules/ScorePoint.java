package org.ketaminefhir.outcomes.rules;

import java.time.Instant;

/** One score of an instrument at a point in time, with where it came from (a reference, for the caller). */
public record ScorePoint(Instant when, int score, String source) {}
