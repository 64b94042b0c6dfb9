package org.ketaminefhir.derived;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Writes and finds derived resources through HAPI's DAOs. Calls join the transaction that is running, so a derived
 * resource written from a storage hook is part of the triggering write.
 */
@Component
public class DerivedResources {

    private final DaoRegistry daos;

    public DerivedResources(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Creates or updates each resource under its own id (a no-op when nothing changed). */
    public void store(List<? extends Resource> resources) {
        for (Resource resource : resources) {
            dao(resource.getClass()).update(resource, new SystemRequestDetails());
        }
    }

    /**
     * Makes {@code current} the complete set of {@code type} resources that point at {@code source} through the search
     * parameter {@code link}: stores them, then deletes the ones derived earlier and no longer implied.
     */
    public <T extends Resource> void replace(Class<T> type, String link, String source, List<T> current) {
        store(current);
        Set<String> keep = current.stream().map(r -> r.getIdElement().getIdPart()).collect(Collectors.toSet());
        for (T earlier : search(type, SearchParameterMap.newSynchronous(link, new ReferenceParam(source)))) {
            String id = earlier.getIdElement().getIdPart();
            if (!keep.contains(id)) {
                dao(type).delete(new IdType(earlier.fhirType(), id), new SystemRequestDetails());
            }
        }
    }

    /** A synchronous search, read in full: meant for a patient's or a session's handful of resources. */
    public <T extends Resource> List<T> search(Class<T> type, SearchParameterMap parameters) {
        parameters.setLoadSynchronous(true);
        return dao(type).search(parameters, new SystemRequestDetails()).getAllResources().stream()
                .map(type::cast)
                .toList();
    }

    /** Reads a resource by reference ("Type/id"), or null when it is absent or deleted. */
    public IBaseResource readOrNull(String reference) {
        IdType id = new IdType(reference);
        if (!id.hasResourceType() || !id.hasIdPart() || !daos.isResourceTypeSupported(id.getResourceType())) {
            return null;
        }
        try {
            return daos.getResourceDao(id.getResourceType()).read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        } catch (ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException
                | ca.uhn.fhir.rest.server.exceptions.ResourceGoneException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<? extends IBaseResource> type) {
        return (IFhirResourceDao<T>) daos.getResourceDao(type);
    }
}
