package org.ketaminefhir.intake.rules;

import static org.ketaminefhir.intake.rules.FindingSeverity.CAUTION;
import static org.ketaminefhir.intake.rules.FindingSeverity.CONTRAINDICATION;

/** Each rule's stable id, severity and the clinical reason it matters, with its source tag. */
enum Rule {
    /** [SANACORA] psychosis history in the pre-procedural evaluation; [ASRA] avoid in poorly controlled psychosis. */
    PSYCHOSIS("psychosis", CONTRAINDICATION, "ketamine is avoided in psychosis"),
    /** [ASRA] avoid in active substance abuse; [SANACORA] monitor substance use. */
    SUBSTANCE_USE_DISORDER("substance-use-disorder", CONTRAINDICATION,
            "ketamine is avoided in substance use disorder and can itself be misused"),
    /** [KET-PI] avoid in pregnancy. */
    PREGNANCY("pregnancy", CONTRAINDICATION, "ketamine is avoided in pregnancy"),
    /** [SPR] aneurysmal vascular disease, AVM and intracerebral haemorrhage are contraindications. */
    ANEURYSM_AVM_BLEED("aneurysm-avm-bleed", CONTRAINDICATION,
            "the blood pressure rise after a dose is a hazard in aneurysmal vascular disease, AVM and intracerebral haemorrhage"),
    /** [KET-CH] uncontrolled hypertension is a contraindication. */
    UNCONTROLLED_HYPERTENSION("uncontrolled-hypertension", CONTRAINDICATION,
            "ketamine is contraindicated in uncontrolled hypertension"),
    /** [KET-PI] elevated blood pressure is a common reaction; [YALE-BP] prior hypertension is linked to surges. */
    HYPERTENSION("hypertension", CAUTION, "ketamine raises blood pressure; confirm it is controlled before dosing"),
    /** [ASRA] avoid in poorly controlled cardiovascular disease; [KET-UK] severe coronary or myocardial disease. */
    CARDIAC_DISEASE("cardiac-disease", CAUTION,
            "ketamine raises blood pressure and pulse and is avoided in poorly controlled cardiovascular disease"),
    /** [ASRA] avoid in severe hepatic impairment. */
    LIVER_DISEASE("liver-disease", CAUTION, "ketamine is avoided in severe hepatic impairment; check severity"),
    /** The reference lists breastfeeding among contraindications/cautions without a rationale [VSAC]. */
    BREASTFEEDING("breastfeeding", CAUTION, "ketamine therapy while breastfeeding needs clinical review"),
    /** [KET-PI] benzodiazepines add sedation and respiratory depression. */
    BENZODIAZEPINE("benzodiazepine", CAUTION, "added sedation and respiratory depression with ketamine"),
    /** [KET-PI] opioids add sedation and respiratory depression. */
    OPIOID("opioid", CAUTION, "added sedation and respiratory depression with ketamine"),
    /** [SPR] MAOIs are a listed interaction. */
    MAOI("maoi", CAUTION, "MAOIs are a labelled esketamine interaction; monitor blood pressure closely"),
    /** The reference lists antidepressants without a specific interaction [VSAC]. */
    ANTIDEPRESSANT("antidepressant", CAUTION, "review the current antidepressant alongside the ketamine plan"),
    /** The reference lists antipsychotics without a specific interaction [VSAC]. */
    ANTIPSYCHOTIC("antipsychotic", CAUTION, "review the current antipsychotic and the indication it treats"),
    /** The reference lists lamotrigine without a specific interaction [VSAC]. */
    LAMOTRIGINE("lamotrigine", CAUTION, "review lamotrigine alongside the ketamine plan"),
    /** [SPR] psychostimulants are a listed interaction. */
    STIMULANT("stimulant", CAUTION, "psychostimulants are a labelled esketamine interaction; monitor blood pressure closely"),
    /** [KET-PI] theophylline and aminophylline with ketamine: seizure threshold. */
    THEOPHYLLINE("theophylline", CAUTION, "with ketamine, theophylline or aminophylline may lower the seizure threshold"),
    NO_INFORMED_CONSENT("no-informed-consent", CAUTION, "consent must be in place before treatment"),
    /** [SANACORA] the pre-procedural evaluation includes substance-use and psychosis history. */
    NO_INTAKE_FORM("no-intake-form", CAUTION,
            "the screening questionnaire covers psychiatric and substance-use history the record may lack");

    private final String id;
    private final FindingSeverity severity;
    private final String rationale;

    Rule(String id, FindingSeverity severity, String rationale) {
        this.id = id;
        this.severity = severity;
        this.rationale = rationale;
    }

    String id() {
        return id;
    }

    FindingSeverity severity() {
        return severity;
    }

    String rationale() {
        return rationale;
    }

    /** "{what was found}: {rationale}". */
    Finding finding(String whatWasFound, String evidence) {
        return new Finding(id, severity, whatWasFound + ": " + rationale, evidence);
    }
}
