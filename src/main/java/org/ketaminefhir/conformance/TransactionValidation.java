package org.ketaminefhir.conformance;

import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * One validator call for a whole transaction: every entry goes into a collection bundle (so references between
 * entries resolve), the governed ones with their profiles added to {@code meta.profile}, the others as empty stubs of
 * their type. Only errors inside governed entries count; the others are ordinary FHIR data held to strict parsing and
 * required elements, not to the guide.
 */
final class TransactionValidation {

    private static final Pattern ENTRY = Pattern.compile("^Bundle\\.entry\\[(\\d+)]");

    private static final String CONDITIONAL_PLACEHOLDER = "conditional-reference";

    private final Bundle bundle;
    private final boolean[] governedEntry;
    private final Set<Resource> validated;

    private TransactionValidation(Bundle bundle, boolean[] governedEntry, Set<Resource> validated) {
        this.bundle = bundle;
        this.governedEntry = governedEntry;
        this.validated = validated;
    }

    static TransactionValidation of(FhirTerser terser, Bundle transaction, GovernedResources governed) {
        boolean anyGoverned = transaction.getEntry().stream()
                .anyMatch(e -> e.getResource() != null && !governed.profilesFor(e.getResource()).isEmpty());
        if (!anyGoverned) {
            return new TransactionValidation(new Bundle(), new boolean[0], Set.of());
        }
        Bundle collection = new Bundle().setType(Bundle.BundleType.COLLECTION);
        boolean[] governedEntry = new boolean[transaction.getEntry().size()];
        Set<Resource> validated = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < transaction.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = transaction.getEntry().get(i);
            Resource resource = entry.getResource();
            Bundle.BundleEntryComponent copy = collection.addEntry().setFullUrl(entry.getFullUrl());
            if (resource == null) {
                continue;
            }
            Set<String> profiles = governed.profilesFor(resource);
            if (profiles.isEmpty()) {
                // Only there so that references to it resolve: the type is what the validator checks.
                copy.setResource(stubOf(resource));
                continue;
            }
            Resource candidate = resource.copy();
            withoutConditionalReferences(terser, candidate);
            for (String profile : profiles) {
                if (candidate.getMeta().getProfile().stream().map(CanonicalType::getValue).noneMatch(profile::equals)) {
                    candidate.getMeta().addProfile(profile);
                }
            }
            copy.setResource(candidate);
            governedEntry[i] = true;
            validated.add(resource);
        }
        return new TransactionValidation(collection, governedEntry, validated);
    }

    private static Resource stubOf(Resource resource) {
        try {
            Resource stub = resource.getClass().getDeclaredConstructor().newInstance();
            stub.setIdElement(resource.getIdElement().copy());
            return stub;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot stub a " + resource.fhirType(), e);
        }
    }

    /**
     * HAPI resolves conditional references ({@code Patient?identifier=...}) while it processes the transaction,
     * after this validation; the validator would reject them as malformed. In the copy it validates they become a
     * plain reference to the same resource type, which is what they will be once resolved.
     */
    private static void withoutConditionalReferences(FhirTerser terser, Resource candidate) {
        for (Reference reference : terser.getAllPopulatedChildElementsOfType(candidate, Reference.class)) {
            String target = reference.getReference();
            if (target != null && target.contains("?")) {
                reference.setReference(target.substring(0, target.indexOf('?')) + "/" + CONDITIONAL_PLACEHOLDER);
            }
        }
    }

    boolean isEmpty() {
        return validated.isEmpty();
    }

    Bundle bundle() {
        return bundle;
    }

    Set<Resource> validatedResources() {
        return validated;
    }

    /** Errors located inside a governed entry; their locations already name the entry's index in the transaction. */
    List<SingleValidationMessage> errorsInGovernedEntries(List<SingleValidationMessage> errors) {
        List<SingleValidationMessage> kept = new ArrayList<>();
        for (SingleValidationMessage error : errors) {
            Matcher entry = ENTRY.matcher(error.getLocationString() == null ? "" : error.getLocationString());
            if (entry.find() && governedEntry[Integer.parseInt(entry.group(1))]) {
                kept.add(error);
            }
        }
        return kept;
    }
}
