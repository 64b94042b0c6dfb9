package org.ketaminefhir.derived;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.delete.DeleteConflictOutcome;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * References that record the past do not hold their target alive: a Provenance names what a derived resource came
 * from, an AuditEvent what a client touched, an eligibility assessment what it was based on. Referential integrity
 * on delete would otherwise stop an EHR from deleting a Condition, or the server from replacing a derived score, once
 * such a record points at it. The record keeps the reference; it just no longer resolves.
 */
@Component
@Interceptor
public class HistoricalReferences {

    static final Set<String> PATHS = Set.of(
            "Provenance.target", "Provenance.entity.what", "AuditEvent.entity.what", "RiskAssessment.basis");

    @Hook(Pointcut.STORAGE_PRESTORAGE_DELETE_CONFLICTS)
    public DeleteConflictOutcome ignoreHistoricalReferences(DeleteConflictList conflicts) {
        conflicts.removeIf(conflict -> PATHS.contains(conflict.getSourcePath()));
        return null;
    }
}
