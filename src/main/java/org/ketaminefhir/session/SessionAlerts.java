package org.ketaminefhir.session;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.ketaminefhir.derived.Derivation;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.records.ObservationValues;
import org.ketaminefhir.session.rules.AlertType;
import org.ketaminefhir.session.rules.SafetyAlert;
import org.ketaminefhir.session.rules.VitalReading;
import org.ketaminefhir.session.rules.VitalSign;
import org.ketaminefhir.session.rules.VitalSignAlerts;

/**
 * Keeps a session's safety alerts in line with its readings. Each alert type has at most one DetectedIssue per
 * session, implicating the session and every reading that crossed the threshold, so a repeated or persisting value
 * adds to the alert instead of duplicating it, and a corrected value takes itself out (an alert left without readings
 * is marked entered-in-error). The whole session is re-evaluated once per transaction: a bundle of a session's
 * readings costs one evaluation, and a baseline arriving after the readings still counts.
 */
class SessionAlerts {

    static final String RULE = "In-session vital-sign alert rules (session/rules/VitalSignAlerts)";
    private static final String EVALUATED = SessionAlerts.class.getName() + ".evaluated";

    private final DerivedResources resources;
    private final VitalSignAlerts rules;

    SessionAlerts(DerivedResources resources, VitalSignAlerts rules) {
        this.resources = resources;
        this.rules = rules;
    }

    /**
     * A vital-sign Observation was stored: re-evaluate its session, unless this transaction already did. Only a
     * correction may withdraw an alert; a new reading can only raise or join one (so a concurrent write that does not
     * yet see another's reading cannot withdraw that reading's alert).
     */
    void readingStored(Observation observation, TransactionDetails transaction, boolean correction) {
        if (SessionReadings.sign(observation).isEmpty()) {
            return;
        }
        // Every reading of a bundle points at the same session: once it is evaluated, or known not to be a ketamine
        // session, the rest of the transaction's readings cost nothing.
        Set<String> seen = transaction.getOrCreateUserData(EVALUATED, HashSet::new);
        List<String> partOf = observation.getPartOf().stream().map(Reference::getReference).filter(r -> r != null).toList();
        if (partOf.isEmpty() || seen.containsAll(partOf)) {
            return;
        }
        seen.addAll(partOf);
        Optional<Procedure> session = session(observation);
        if (session.isPresent()) {
            String reference = "Procedure/" + session.get().getIdElement().getIdPart();
            if (seen.add(reference) || partOf.contains(reference)) {
                evaluate(session.get(), reference, null, correction);
            }
        }
    }

    /**
     * A reading is about to be deleted: re-evaluate its session without it, so alerts stop implicating it (and do not
     * block its deletion).
     */
    void readingDeleted(Observation observation) {
        if (SessionReadings.sign(observation).isPresent()) {
            session(observation).ifPresent(session -> evaluate(session,
                    "Procedure/" + session.getIdElement().getIdPart(), observation.getIdElement().getIdPart(), true));
        }
    }

    private void evaluate(Procedure session, String reference, String deletedReadingId, boolean mayWithdraw) {
        resources.lock(reference);
        List<Observation> readings = new ArrayList<>(readingsOf(session, reference));
        readings.removeIf(o -> o.getIdElement().getIdPart().equals(deletedReadingId));
        readings.sort(Comparator.comparing(SessionAlerts::effective, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(o -> o.getIdElement().getIdPart()));
        Map<VitalSign, VitalReading> baselines = new EnumMap<>(VitalSign.class);
        for (Observation observation : readings) {
            if (SessionReadings.isPreDose(observation)) {
                SessionReadings.reading(observation).ifPresent(r -> baselines.put(r.sign(), r));
            }
        }
        Map<AlertType, List<Trigger>> triggers = new EnumMap<>(AlertType.class);
        for (Observation observation : readings) {
            Optional<VitalReading> reading = SessionReadings.reading(observation);
            if (reading.isEmpty()) {
                continue;
            }
            Optional<VitalReading> baseline = SessionReadings.isPreDose(observation)
                    ? Optional.empty()
                    : Optional.ofNullable(baselines.get(reading.get().sign()));
            for (SafetyAlert alert : rules.evaluate(reading.get(), baseline)) {
                triggers.computeIfAbsent(alert.type(), t -> new ArrayList<>()).add(new Trigger(observation, alert));
            }
        }
        Map<String, DetectedIssue> existing = new java.util.HashMap<>();
        resources.search(DetectedIssue.class, SearchParameterMap.newSynchronous("implicated", new ReferenceParam(reference)))
                .forEach(issue -> existing.put(issue.getIdElement().getIdPart(), issue));
        for (AlertType type : AlertType.values()) {
            String id = alertId(reference, type);
            List<Trigger> raised = triggers.get(type);
            if (raised != null) {
                DetectedIssue alert = alert(id, session, reference, raised);
                resources.storeOver(alert, existing.get(id), new Derivation(RULE, implicated(alert)));
            } else if (mayWithdraw && existing.containsKey(id)) {
                DetectedIssue withdrawn = existing.get(id);
                boolean unlinked = withdrawn.getImplicated()
                        .removeIf(r -> r.getReference().equals("Observation/" + deletedReadingId));
                if (unlinked || withdrawn.getStatus() != DetectedIssue.DetectedIssueStatus.ENTEREDINERROR) {
                    withdrawn.setStatus(DetectedIssue.DetectedIssueStatus.ENTEREDINERROR);
                    resources.storeOver(withdrawn, existing.get(id),
                            new Derivation(RULE + ": no reading crosses the threshold any more", List.of(reference)));
                }
            }
        }
    }

    /**
     * The readings part of the session, directly or through one of its MedicationAdministrations (R4 has no part-of
     * search on MedicationAdministration, so the patient's few administrations are filtered here).
     */
    private List<Observation> readingsOf(Procedure session, String reference) {
        ReferenceOrListParam parents = new ReferenceOrListParam().addOr(new ReferenceParam(reference));
        String patient = session.getSubject().getReference();
        if (patient != null) {
            resources.search(MedicationAdministration.class, SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient)))
                    .stream()
                    .filter(a -> a.getPartOf().stream().anyMatch(p -> reference.equals(p.getReference())))
                    .forEach(a -> parents.addOr(new ReferenceParam("MedicationAdministration/" + a.getIdElement().getIdPart())));
        }
        SearchParameterMap readings = SearchParameterMap.newSynchronous();
        readings.add("part-of", parents);
        return resources.search(Observation.class, readings);
    }

    private static DetectedIssue alert(String id, Procedure session, String reference, List<Trigger> raised) {
        Trigger first = raised.get(0);
        DetectedIssue issue = new DetectedIssue();
        issue.setId(id);
        issue.getMeta().addProfile(Codes.SAFETY_ALERT_PROFILE);
        issue.setStatus(DetectedIssue.DetectedIssueStatus.FINAL);
        issue.setCode(new CodeableConcept(new Coding(Codes.ALERT_TYPES, first.alert().type().code(), first.alert().type().display())));
        issue.setSeverity(first.alert().high()
                ? DetectedIssue.DetectedIssueSeverity.HIGH
                : DetectedIssue.DetectedIssueSeverity.MODERATE);
        issue.setPatient(session.getSubject().copy());
        issue.setIdentified(ObservationValues.effectiveDateTime(first.observation()).orElseGet(DateTimeType::now));
        issue.addImplicated(new Reference(reference));
        raised.forEach(t -> issue.addImplicated(new Reference("Observation/" + t.observation().getIdElement().getIdPart())));
        String detail = first.alert().detail() + " during the ketamine session";
        if (raised.size() > 1) {
            detail += "; " + (raised.size() - 1) + " later reading(s) also crossed the threshold";
        }
        issue.setDetail(detail + ".");
        return issue;
    }

    /** The ketamine session a reading belongs to: a Procedure it is part of, directly or through the administration. */
    private Optional<Procedure> session(Observation observation) {
        for (Reference partOf : observation.getPartOf()) {
            Object target = resources.readOrNull(partOf.getReference());
            if (target instanceof MedicationAdministration administration) {
                for (Reference parent : administration.getPartOf()) {
                    target = resources.readOrNull(parent.getReference());
                    if (target instanceof Procedure procedure && isKetamineSession(procedure)) {
                        return Optional.of(procedure);
                    }
                }
            }
            if (target instanceof Procedure procedure && isKetamineSession(procedure)) {
                return Optional.of(procedure);
            }
        }
        return Optional.empty();
    }

    private static boolean isKetamineSession(Procedure procedure) {
        return procedure.getCode().getCoding().stream()
                .anyMatch(c -> Codes.CONCEPTS.equals(c.getSystem()) && Codes.KETAMINE_SESSION.equals(c.getCode()));
    }

    private static Date effective(Observation observation) {
        return ObservationValues.effective(observation).orElse(null);
    }

    private static List<String> implicated(DetectedIssue alert) {
        return alert.getImplicated().stream().map(Reference::getReference).toList();
    }

    static String alertId(String sessionReference, AlertType type) {
        return "alert-" + DerivedResources.key(sessionReference) + "-" + type.code();
    }

    private record Trigger(Observation observation, SafetyAlert alert) {}
}
