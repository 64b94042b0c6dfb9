package org.ketaminefhir.outcomes;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.ketaminefhir.derived.DerivedResources;
import org.ketaminefhir.outcomes.rules.CohortResult;
import org.ketaminefhir.outcomes.rules.Instrument;
import org.ketaminefhir.outcomes.rules.InstrumentCourse;
import org.ketaminefhir.outcomes.rules.ScorePoint;
import org.ketaminefhir.server.FhirOperationProvider;
import org.springframework.stereotype.Component;

/**
 * {@code $ketamine-outcomes}, declared by our OperationDefinition ketamine-outcomes: on a Patient, the course per
 * instrument with response and remission; at system level, the cohort treated in a period with response and
 * remission rates. Read-only.
 */
@Component
public class OutcomesOperationProvider implements FhirOperationProvider {

    private final DerivedResources resources;
    private final CourseRecords records;

    public OutcomesOperationProvider(DerivedResources resources) {
        this.resources = resources;
        this.records = new CourseRecords(resources);
    }

    @Operation(name = "$ketamine-outcomes", type = Patient.class, idempotent = true)
    public Parameters patientOutcomes(
            @IdParam IdType id,
            @OperationParam(name = "instrument") List<Coding> instrumentFilter,
            @OperationParam(name = "start") DateType start,
            @OperationParam(name = "end") DateType end,
            RequestDetails request) {
        FhirOperationProvider.requireParametersBody(request, "$ketamine-outcomes");
        if (start != null || end != null) {
            throw new InvalidRequestException("start and end select the cohort of the system-level $ketamine-outcomes;"
                    + " a patient's outcomes cover the whole course");
        }
        Set<Instrument> instruments = instruments(instrumentFilter);
        if (!(resources.readOrNull("Patient/" + id.getIdPart()) instanceof Patient)) {
            throw new ResourceNotFoundException(new IdType("Patient", id.getIdPart()));
        }
        PatientCourse course = records.course(id.getIdPart(), instruments);
        Parameters parameters = new Parameters();
        List<String> summary = new ArrayList<>();
        for (InstrumentCourse instrument : course.instruments()) {
            ParametersParameterComponent result = parameters.addParameter().setName("instrumentResult");
            result.addPart().setName("instrument").setValue(coding(instrument.instrument()));
            result.addPart().setName("baseline").setValue(new DecimalType(instrument.baseline().score()));
            result.addPart().setName("baselineDate").setValue(dateTime(instrument.baseline()));
            result.addPart().setName("latest").setValue(new DecimalType(instrument.latest().score()));
            result.addPart().setName("latestDate").setValue(dateTime(instrument.latest()));
            if (instrument.hasFollowUp()) {
                result.addPart().setName("change").setValue(new DecimalType(instrument.change()));
                if (instrument.percentChange() != null) {
                    result.addPart().setName("percentChange").setValue(decimal(instrument.percentChange(), 1));
                }
                result.addPart().setName("response").setValue(new BooleanType(instrument.response()));
                if (instrument.remission() != null) {
                    result.addPart().setName("remission").setValue(new BooleanType(instrument.remission()));
                }
            }
            for (ScorePoint point : instrument.series()) {
                ParametersParameterComponent score = result.addPart().setName("score");
                score.addPart().setName("date").setValue(dateTime(point));
                score.addPart().setName("value").setValue(new DecimalType(point.score()));
                score.addPart().setName("source").setValue(new Reference(point.source()));
            }
            summary.add(OutcomeSummary.patient(instrument));
        }
        parameters.addParameter().setName("sessions").setValue(new IntegerType(course.sessions()));
        parameters.addParameter().setName("cumulativeDose").setValue(new Quantity()
                .setValue(course.cumulativeDoseMg()).setUnit("mg").setSystem("http://unitsofmeasure.org").setCode("mg"));
        parameters.addParameter().setName("safetyAlerts").setValue(new IntegerType(course.safetyAlerts()));
        summary.add(OutcomeSummary.course(course));
        parameters.addParameter().setName("summary").setValue(new StringType(String.join(" ", summary)));
        return parameters;
    }

    @Operation(name = "$ketamine-outcomes", idempotent = true)
    public Parameters cohortOutcomes(
            @OperationParam(name = "start") DateType start,
            @OperationParam(name = "end") DateType end,
            @OperationParam(name = "instrument") List<Coding> instrumentFilter,
            RequestDetails request) {
        FhirOperationProvider.requireParametersBody(request, "$ketamine-outcomes");
        requireValue(start, "start");
        requireValue(end, "end");
        Date from = start == null ? null : start.getValue();
        Date to = end == null ? null : endOfDay(end);
        if (from != null && to != null && from.after(to)) {
            throw new InvalidRequestException("start " + start.getValueAsString() + " is after end " + end.getValueAsString());
        }
        Set<Instrument> instruments = instruments(instrumentFilter);
        Set<String> patients = records.patientsTreated(from, to);
        List<InstrumentCourse> courses = records.instrumentCourses(patients, instruments);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("patientsTreated").setValue(new IntegerType(patients.size()));
        List<String> summary = new ArrayList<>();
        summary.add(patients.size() + " patient(s) treated" + OutcomeSummary.period(start, end) + ".");
        for (Instrument instrument : instruments) {
            CohortResult cohort = CohortResult.of(instrument, courses);
            ParametersParameterComponent result = parameters.addParameter().setName("instrumentResult");
            result.addPart().setName("instrument").setValue(coding(instrument));
            result.addPart().setName("patients").setValue(new IntegerType(cohort.patients()));
            result.addPart().setName("responders").setValue(new IntegerType(cohort.responders()));
            if (cohort.remitters() != null) {
                result.addPart().setName("remitters").setValue(new IntegerType(cohort.remitters()));
            }
            if (cohort.responseRate() != null) {
                result.addPart().setName("responseRate").setValue(decimal(cohort.responseRate(), 3));
            }
            if (cohort.remissionRate() != null) {
                result.addPart().setName("remissionRate").setValue(decimal(cohort.remissionRate(), 3));
            }
            if (cohort.patients() > 0) {
                summary.add(OutcomeSummary.cohort(cohort));
            }
        }
        parameters.addParameter().setName("summary").setValue(new StringType(String.join(" ", summary)));
        return parameters;
    }

    private static Set<Instrument> instruments(List<Coding> filter) {
        if (filter == null || filter.isEmpty()) {
            return EnumSet.allOf(Instrument.class);
        }
        Set<Instrument> instruments = EnumSet.noneOf(Instrument.class);
        for (Coding coding : filter) {
            instruments.add(Instrument.byCode(coding.getSystem(), coding.getCode()).orElseThrow(() ->
                    new InvalidRequestException("instrument " + coding.getSystem() + "|" + coding.getCode()
                            + " is not one of the outcome instruments (ValueSet ketamine-instruments with a numeric total)")));
        }
        return instruments;
    }

    private static Coding coding(Instrument instrument) {
        return new Coding(instrument.system(), instrument.code(), instrument.display());
    }

    private static DateTimeType dateTime(ScorePoint point) {
        DateTimeType dateTime = new DateTimeType(Date.from(point.when()));
        dateTime.setTimeZoneZulu(true);
        return dateTime;
    }

    private static DecimalType decimal(double value, int scale) {
        return new DecimalType(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP));
    }

    /** A date parameter given without a value ("end=") is a mistake, not "no limit". */
    private static void requireValue(DateType date, String name) {
        if (date != null && date.getValue() == null) {
            throw new InvalidRequestException(name + " needs a date (YYYY, YYYY-MM or YYYY-MM-DD); it was given empty");
        }
    }

    /** The end counts whole, at its precision: "2026" ends with 2026, "2026-06" with June, "2026-06-30" with that day. */
    private static Date endOfDay(DateType end) {
        java.util.Calendar calendar = end.getValueAsCalendar();
        switch (end.getPrecision()) {
            case YEAR -> calendar.add(java.util.Calendar.YEAR, 1);
            case MONTH -> calendar.add(java.util.Calendar.MONTH, 1);
            default -> calendar.add(java.util.Calendar.DAY_OF_MONTH, 1);
        }
        return new Date(calendar.getTimeInMillis() - 1);
    }
}
