package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads the implementation guide into the server at start-up, before any client request is served. Each profile is
 * stored with its snapshot: the one the build generated into the guide package, or, without the package, one HAPI's
 * snapshot generator makes now. Resources keep the ids of their files, so a load updates them in
 * place (an unchanged resource is not even given a new version) instead of adding duplicates. The stored
 * ImplementationGuide carries a hash of the guide's content in an extension (server bookkeeping, not part of the
 * published guide; an extension rather than a tag because HAPI keeps old tags on update); when it matches (a restart,
 * or another node of the same version), nothing is loaded at all.
 */
@Component
@Order(ConformanceLoader.ORDER)
class ConformanceLoader implements ApplicationRunner {

    static final int ORDER = 100;
    static final String CONTENT_HASH_EXTENSION = KetamineIg.CANONICAL_BASE + "/guide-content-hash";
    private static final Logger log = LoggerFactory.getLogger(ConformanceLoader.class);

    private final DaoRegistry daoRegistry;
    private final IValidationSupport validationSupport;
    private final GuideCatalog catalog;
    private final FhirContext fhirContext;

    ConformanceLoader(
            DaoRegistry daoRegistry,
            IValidationSupport validationSupport,
            GuideCatalog catalog,
            FhirContext fhirContext) {
        this.daoRegistry = daoRegistry;
        this.validationSupport = validationSupport;
        this.catalog = catalog;
        this.fhirContext = fhirContext;
    }

    @Override
    public void run(ApplicationArguments args) {
        String contentHash = catalog.contentHash();
        if (contentHash.equals(storedContentHash())) {
            log.info("Implementation guide unchanged ({}); nothing to load", contentHash.substring(0, 12));
            return;
        }
        List<Resource> resources = catalog.resources();
        PrebuiltSnapshots prebuilt = PrebuiltSnapshots.of(fhirContext, catalog.implementationGuide().orElseThrow());
        for (Resource resource : resources) {
            if (resource instanceof ImplementationGuide guide) {
                resource = withContentHash(guide, contentHash);
            }
            if (resource instanceof StructureDefinition definition) {
                Optional<StructureDefinition> packaged = prebuilt.forProfile(definition);
                resource = packaged.isPresent() ? packaged.get() : generated(definition);
            }
            store(resource);
        }
        validationSupport.invalidateCaches();
        log.info("Implementation guide loaded: {} conformance resources", resources.size());
    }

    private String storedContentHash() {
        IFhirResourceDao<ImplementationGuide> guides = daoRegistry.getResourceDao(ImplementationGuide.class);
        try {
            return storedHash(guides.read(
                    new IdType("ImplementationGuide", KetamineIg.IMPLEMENTATION_GUIDE_ID), new SystemRequestDetails()));
        } catch (ResourceNotFoundException | ResourceGoneException notStoredYet) {
            return null;
        }
    }

    static String storedHash(ImplementationGuide guide) {
        Extension hash = guide.getExtensionByUrl(CONTENT_HASH_EXTENSION);
        return hash == null ? null : hash.getValue().primitiveValue();
    }

    private static ImplementationGuide withContentHash(ImplementationGuide guide, String contentHash) {
        ImplementationGuide marked = guide.copy();
        marked.getExtension().removeIf(e -> CONTENT_HASH_EXTENSION.equals(e.getUrl()));
        marked.addExtension(CONTENT_HASH_EXTENSION, new StringType(contentHash));
        return marked;
    }

    private StructureDefinition generated(StructureDefinition definition) {
        // The chain must see the profiles stored so far (this one's base among them), not cached misses.
        validationSupport.invalidateCaches();
        return Snapshots.generate(validationSupport, definition);
    }

    @SuppressWarnings("unchecked")
    private void store(Resource resource) {
        IFhirResourceDao<Resource> dao = daoRegistry.getResourceDao(resource.fhirType());
        dao.update(resource, new SystemRequestDetails());
    }
}
