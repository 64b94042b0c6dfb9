package org.ketaminefhir.outcomes;

import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.records.Codes;
import org.ketaminefhir.records.ObservationValues;
import org.ketaminefhir.outcomes.rules.Instrument;
import org.ketaminefhir.outcomes.rules.InstrumentCourse;
import org.ketaminefhir.outcomes.rules.ScorePoint;

/** Reads a patient's course from the stored records, whoever wrote them: extracted scores or an EHR's own. */
class CourseRecords {

    /** Ketamine (ingredient) and esketamine nasal spray (SCDF) [VSAC] [NDC-RX]. */
    static final Set<String> KETAMINE_MEDICATIONS = Set.of("6130", "2201623");

    private final DerivedResources resources;

    CourseRecords(DerivedResources resources) {
        this.resources = resources;
    }

    PatientCourse course(String patientId, Collection<Instrument> instruments) {
        String patient = "Patient/" + patientId;
        List<Procedure> sessions = sessions(SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient)));
        Optional<Instant> firstSession = firstSession(sessions);
        return new PatientCourse(patientId, instrumentCourses(patient, firstSession, instruments), sessions.size(),
                firstSession, cumulativeDose(patient), alerts(patient));
    }

    /**
     * The instrument courses of a cohort: two searches per patient, sessions and scores, where {@link #course} takes
     * four. One search for many patients at once was tried: on H2 with 1 M resources it took 23–31 s for 44 patients
     * against about 1 s for a search per patient (docs/performance.md, Session 20).
     */
    List<InstrumentCourse> instrumentCourses(Collection<String> patientIds, Collection<Instrument> instruments) {
        List<InstrumentCourse> courses = new ArrayList<>();
        for (String patientId : patientIds) {
            String patient = "Patient/" + patientId;
            Optional<Instant> firstSession = firstSession(
                    sessions(SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient))));
            courses.addAll(instrumentCourses(patient, firstSession, instruments));
        }
        return courses;
    }

    private List<InstrumentCourse> instrumentCourses(String patient, Optional<Instant> firstSession,
            Collection<Instrument> instruments) {
        List<InstrumentCourse> courses = new ArrayList<>();
        Map<Instrument, List<ScorePoint>> scores = scores(patient, instruments);
        for (Instrument instrument : instruments) {
            InstrumentCourse.of(instrument, scores.getOrDefault(instrument, List.of()), firstSession).ifPresent(courses::add);
        }
        return courses;
    }

    private static Optional<Instant> firstSession(List<Procedure> sessions) {
        return sessions.stream().map(CourseRecords::start).filter(Objects::nonNull).min(Comparator.naturalOrder());
    }

    /** Patients with a completed or running ketamine session that started in the period (either end open). */
    Set<String> patientsTreated(Date start, Date end) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        DateRangeParam range = new DateRangeParam();
        if (start != null) {
            range.setLowerBound(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, start));
        }
        if (end != null) {
            range.setUpperBound(new DateParam(ParamPrefixEnum.LESSTHAN_OR_EQUALS, end));
        }
        if (start != null || end != null) {
            map.add("date", range);
        }
        return sessions(map).stream()
                .map(p -> p.getSubject().getReferenceElement().getIdPart())
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private List<Procedure> sessions(SearchParameterMap map) {
        map.add("code", new TokenParam(Codes.CONCEPTS, Codes.KETAMINE_SESSION));
        return resources.search(Procedure.class, map).stream()
                .filter(p -> p.getStatus() == Procedure.ProcedureStatus.COMPLETED
                        || p.getStatus() == Procedure.ProcedureStatus.INPROGRESS)
                .toList();
    }

    private Map<Instrument, List<ScorePoint>> scores(String patient, Collection<Instrument> instruments) {
        SearchParameterMap map = SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient));
        TokenOrListParam codes = new TokenOrListParam();
        instruments.forEach(i -> codes.add(i.system(), i.code()));
        map.add("code", codes);
        Map<Instrument, List<ScorePoint>> scores = new java.util.EnumMap<>(Instrument.class);
        for (Observation observation : resources.search(Observation.class, map)) {
            Optional<Date> when = ObservationValues.effective(observation);
            if (!ObservationValues.counts(observation) || when.isEmpty()) {
                continue;
            }
            Optional<Instrument> instrument = observation.getCode().getCoding().stream()
                    .map(c -> Instrument.byCode(c.getSystem(), c.getCode()))
                    .flatMap(Optional::stream)
                    .findFirst();
            Optional<Integer> value = score(observation);
            if (instrument.isPresent() && value.isPresent()) {
                scores.computeIfAbsent(instrument.get(), i -> new ArrayList<>()).add(new ScorePoint(
                        when.get().toInstant(),
                        value.get(),
                        "Observation/" + observation.getIdElement().getIdPart()));
            }
        }
        return scores;
    }

    private BigDecimal cumulativeDose(String patient) {
        BigDecimal total = BigDecimal.ZERO;
        for (MedicationAdministration administration : resources.search(MedicationAdministration.class,
                SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient)))) {
            boolean ketamine = medicationCodes(administration).stream()
                    .anyMatch(c -> Codes.RXNORM.equals(c.getSystem()) && c.getCode() != null
                            && KETAMINE_MEDICATIONS.contains(c.getCode()));
            Quantity dose = administration.getDosage().getDose();
            if (ketamine && administration.getStatus() == MedicationAdministration.MedicationAdministrationStatus.COMPLETED
                    && dose.hasValue() && "mg".equals(dose.getCode())) {
                total = total.add(dose.getValue());
            }
        }
        return total;
    }

    private int alerts(String patient) {
        return (int) resources.search(DetectedIssue.class,
                        SearchParameterMap.newSynchronous("patient", new ReferenceParam(patient)))
                .stream()
                .filter(i -> i.getStatus() != DetectedIssue.DetectedIssueStatus.ENTEREDINERROR)
                .filter(i -> i.getCode().getCoding().stream().anyMatch(c -> Codes.ALERT_TYPES.equals(c.getSystem())))
                .count();
    }

    /** The codings of the medication given: inline, contained or a stored Medication. */
    private List<org.hl7.fhir.r4.model.Coding> medicationCodes(MedicationAdministration administration) {
        if (administration.hasMedicationCodeableConcept()) {
            return administration.getMedicationCodeableConcept().getCoding();
        }
        org.hl7.fhir.r4.model.Reference reference = administration.getMedicationReference();
        Object medication = reference.getResource() != null ? reference.getResource() : resources.readOrNull(reference.getReference());
        return medication instanceof org.hl7.fhir.r4.model.Medication m ? m.getCode().getCoding() : List.of();
    }

    private static Optional<Integer> score(Observation observation) {
        if (observation.getValue() instanceof IntegerType integer && integer.getValue() != null) {
            return Optional.of(integer.getValue());
        }
        if (observation.getValue() instanceof Quantity quantity && quantity.hasValue()) {
            BigDecimal value = quantity.getValue();
            boolean whole = value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(1000)) <= 0;
            return whole ? Optional.of(value.intValue()) : Optional.empty();
        }
        return Optional.empty();
    }

    private static Instant start(Procedure procedure) {
        if (procedure.hasPerformedPeriod() && procedure.getPerformedPeriod().hasStart()) {
            return procedure.getPerformedPeriod().getStart().toInstant();
        }
        return procedure.hasPerformedDateTimeType() ? procedure.getPerformedDateTimeType().getValue().toInstant() : null;
    }
}
