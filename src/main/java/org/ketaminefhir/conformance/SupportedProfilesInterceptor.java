package org.ketaminefhir.conformance;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.stereotype.Component;

/** Lists the guide's profiles as supported profiles of their resource types, and the guide itself. */
@Component
@Interceptor
public class SupportedProfilesInterceptor {

    private final GuideCatalog catalog;

    SupportedProfilesInterceptor(GuideCatalog catalog) {
        this.catalog = catalog;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void addProfiles(IBaseConformance generated) {
        CapabilityStatement capabilities = (CapabilityStatement) generated;
        catalog.implementationGuide().ifPresent(ig -> capabilities.addImplementationGuide(ig.getUrl()));
        Map<String, List<String>> profiles = catalog.profileUrlsByType();
        for (CapabilityStatement.CapabilityStatementRestResourceComponent resource :
                capabilities.getRestFirstRep().getResource()) {
            for (String url : profiles.getOrDefault(resource.getType(), List.of())) {
                if (resource.getSupportedProfile().stream().noneMatch(p -> url.equals(p.getValue()))) {
                    resource.addSupportedProfile(url);
                }
            }
        }
    }
}
