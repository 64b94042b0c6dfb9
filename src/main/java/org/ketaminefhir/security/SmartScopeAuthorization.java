package org.ketaminefhir.security;

import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilder;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleBulkExportWithTarget;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.r4.model.IdType;
import org.ketaminefhir.security.rules.GrantedScopes;
import org.ketaminefhir.security.rules.Permission;
import org.ketaminefhir.security.rules.ScopeContext;
import org.ketaminefhir.security.rules.SmartScope;

/**
 * Turns the SMART scopes of the request's access token into HAPI authorization rules. Read and search (r, s) become
 * read rules, create and update (c, u) write rules, d delete rules; a patient scope is limited to the patient's
 * compartment. Operations are allowed, but what they return must pass the read rules, so {@code $everything} and
 * {@code _include} never leak another patient's data. Everything not granted is denied.
 */
@Interceptor
public class SmartScopeAuthorization extends AuthorizationInterceptor {

    public SmartScopeAuthorization() {
        super(PolicyEnum.DENY);
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        return rulesFor(CurrentToken.grantedScopes());
    }

    static List<IAuthRule> rulesFor(GrantedScopes granted) {
        IAuthRuleBuilder rules = new RuleBuilder();
        rules.allow("capability statement").metadata();
        rules.deny("the audit trail is append-only").write().resourcesOfType("AuditEvent").withAnyId();
        rules.deny("the audit trail is append-only").delete().resourcesOfType("AuditEvent").withAnyId();
        for (SmartScope scope : granted.scopes()) {
            Function<IAuthRuleBuilderRuleOp, IAuthRuleBuilderRuleOpClassifier> types = op ->
                    scope.isForAllTypes() ? op.allResources() : op.resourcesOfType(scope.resourceType());
            String name = scope.context().name().toLowerCase() + "/" + scope.resourceType();
            if (scope.allows(Permission.READ) || scope.allows(Permission.SEARCH)) {
                limit(types.apply(rules.allow(name + " read").read()), scope, granted);
            }
            if (scope.allows(Permission.CREATE) || scope.allows(Permission.UPDATE)) {
                limit(types.apply(rules.allow(name + " write").write()), scope, granted);
            }
            if (scope.allows(Permission.DELETE)) {
                limit(types.apply(rules.allow(name + " delete").delete()), scope, granted);
            }
        }
        if (granted.grantsAny(Permission.CREATE) || granted.grantsAny(Permission.UPDATE)) {
            rules.allow("transaction").transaction().withAnyOperation().andApplyNormalRules();
            rules.allow("patch").patch().allRequests();
        }
        bulkExportRules(rules, granted);
        if (!granted.isEmpty()) {
            // Export files are Binary resources; ExportFileAccess lets a client read only its own.
            rules.allow("bulk export files").read().resourcesOfType("Binary").withAnyId();
            rules.allow("operations").operation().withAnyName().atAnyLevel().andRequireExplicitResponseAuthorization();
        }
        return rules.denyAll("not granted by the token's scopes").build();
    }

    /**
     * Bulk Data $export of what the scopes can read: system and user scopes at any level (system, Patient, Group),
     * patient scopes only for their own patient. {@link BulkExportAccess} has already narrowed an export without
     * {@code _type} to these types.
     */
    private static void bulkExportRules(IAuthRuleBuilder rules, GrantedScopes granted) {
        // One rule per context with every type it may read: HAPI's bulk export rule refuses any type not on its list.
        for (boolean patientContext : new boolean[] {false, true}) {
            List<SmartScope> readable = granted.scopes().stream()
                    .filter(s -> s.allows(Permission.READ) && (s.context() == ScopeContext.PATIENT) == patientContext)
                    .toList();
            if (readable.isEmpty()) {
                continue;
            }
            IAuthRuleBuilderRuleBulkExportWithTarget export = patientContext
                    ? rules.allow("patient bulk export").bulkExport()
                            .patientExportOnPatient("Patient/" + granted.patient().orElseThrow())
                    : rules.allow("bulk export").bulkExport().any();
            if (readable.stream().noneMatch(SmartScope::isForAllTypes)) {
                export.withResourceTypes(readable.stream().map(SmartScope::resourceType).distinct().toList());
            }
        }
        // Any other export is refused here, before the general operations rule could let it through.
        rules.deny("bulk export beyond the token's scopes").bulkExport().any();
    }

    private static void limit(IAuthRuleBuilderRuleOpClassifier rule, SmartScope scope, GrantedScopes granted) {
        if (scope.context() == ScopeContext.PATIENT) {
            rule.inCompartment("Patient", new IdType("Patient", granted.patient().orElseThrow()));
        } else {
            rule.withAnyId();
        }
    }
}
