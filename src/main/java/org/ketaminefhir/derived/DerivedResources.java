package org.ketaminefhir.derived;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ketaminefhir.conformance.KetamineIg;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;

/**
 * Writes and finds derived resources through HAPI's DAOs. Calls join the transaction that is running, so a derived
 * resource written from a storage hook is part of the triggering write.
 */
@Component
public class DerivedResources {

    /** The tag on every derived resource (meta.tag), so derived data can be told apart, searched or filtered out. */
    public static final String TAG_SYSTEM = KetamineIg.canonical("CodeSystem", "ketamine-concepts");
    public static final String TAG_CODE = "server-derived";
    /** Who derived it, as Provenance.agent names it. */
    public static final String SERVER_AGENT = "Ketamine FHIR Server (clinical rules)";

    private final DaoRegistry daos;
    private final EntityManagerFactory entityManagerFactory;

    public DerivedResources(DaoRegistry daos, EntityManagerFactory entityManagerFactory) {
        this.daos = daos;
        this.entityManagerFactory = entityManagerFactory;
    }

    /**
     * Serializes derivations from one source (a session, a patient) across requests and server nodes: takes a row lock
     * on the source resource until the transaction ends. A concurrent derivation waits, then sees this one's committed
     * data, so neither overwrites the other with a stale view. Must run inside a transaction.
     */
    public void lock(String reference) {
        IdType id = new IdType(reference);
        EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
        if (entityManager == null || !id.hasResourceType() || !id.hasIdPart()) {
            return;
        }
        entityManager.createQuery("SELECT r.myFhirId FROM ResourceTable r WHERE r.myResourceType = :type AND r.myFhirId = :id")
                .setParameter("type", id.getResourceType())
                .setParameter("id", id.getIdPart())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /**
     * Replaces a derived resource that was read earlier in this transaction, but only if nobody changed it since: the
     * write carries the version read, so a concurrent writer's change makes it fail with a version conflict, and the
     * whole request is re-run on fresh data (see sync/WriteConflictRetryInterceptor) instead of losing that change.
     * Without an earlier version the resource is created, and two concurrent creations of one id conflict the same way.
     */
    public void storeOver(Resource fresh, Resource earlier, Derivation derivation) {
        if (earlier != null && earlier.getIdElement().hasVersionIdPart()) {
            fresh.setIdElement(new IdType(fresh.fhirType(), fresh.getIdElement().getIdPart(),
                    earlier.getIdElement().getVersionIdPart()));
        }
        store(List.of(fresh), derivation);
    }

    /**
     * Tags and creates or updates each resource under its own id. A change is recorded by a Provenance naming the rule
     * and the sources; storing identical content is a no-op and records nothing.
     */
    public void store(List<? extends Resource> resources, Derivation derivation) {
        for (Resource resource : resources) {
            if (resource.getMeta().getTag(TAG_SYSTEM, TAG_CODE) == null) {
                resource.getMeta().addTag(TAG_SYSTEM, TAG_CODE, "Derived by the server");
            }
            DaoMethodOutcome outcome = dao(resource.getClass()).update(resource, new SystemRequestDetails());
            if (!outcome.isNop()) {
                // The new resource must be in the database before the Provenance's reference to it is checked.
                EntityManager entityManager = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagerFactory);
                if (entityManager != null) {
                    entityManager.flush();
                }
                dao(Provenance.class).create(provenance(outcome.getId(), derivation), new SystemRequestDetails());
            }
        }
    }

    private static Provenance provenance(IIdType target, Derivation derivation) {
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference(target.toUnqualified().getValue()));
        provenance.setRecorded(new Date());
        provenance.setActivity(new CodeableConcept().setText(derivation.rule()));
        provenance.addAgent().setWho(new Reference().setDisplay(SERVER_AGENT));
        for (String source : derivation.sources()) {
            provenance.addEntity()
                    .setRole(Provenance.ProvenanceEntityRole.DERIVATION)
                    .setWhat(new Reference(source));
        }
        return provenance;
    }

    /**
     * Makes {@code current} the complete set of derived {@code type} resources that point at {@code source} through
     * the search parameter {@code link}: stores them, then deletes the ones derived earlier and no longer implied.
     * Resources a client wrote (without the tag) are never touched.
     */
    public <T extends Resource> void replace(Class<T> type, String link, String source, List<T> current,
            Derivation derivation) {
        store(current, derivation);
        Set<String> keep = current.stream().map(r -> r.getIdElement().getIdPart()).collect(Collectors.toSet());
        SearchParameterMap earlierOnes = SearchParameterMap.newSynchronous(link, new ReferenceParam(source));
        earlierOnes.add("_tag", new TokenParam(TAG_SYSTEM, TAG_CODE));
        for (T earlier : search(type, earlierOnes)) {
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

    /**
     * Reads a resource by reference ("Type/id"), or null when it is absent or deleted. A search rather than a read,
     * because a read of a missing resource throws, and the exception would mark the caller's transaction rollback-only.
     */
    public IBaseResource readOrNull(String reference) {
        IdType id = new IdType(reference);
        if (!id.hasResourceType() || !id.hasIdPart() || !daos.isResourceTypeSupported(id.getResourceType())) {
            return null;
        }
        SearchParameterMap byId = SearchParameterMap.newSynchronous("_id", new TokenParam(id.getIdPart()));
        List<IBaseResource> found = daos.getResourceDao(id.getResourceType())
                .search(byId, new SystemRequestDetails())
                .getAllResources();
        return found.isEmpty() ? null : found.get(0);
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<? extends IBaseResource> type) {
        return (IFhirResourceDao<T>) daos.getResourceDao(type);
    }

    /**
     * A short, stable key for building the id of a derived resource from what it is derived from (16 hex characters of
     * SHA-256), so ids stay within FHIR's 64 characters whatever the source ids are.
     */
    public static String key(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
