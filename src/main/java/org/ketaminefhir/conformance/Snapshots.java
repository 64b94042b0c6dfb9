package org.ketaminefhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/** Snapshot generation with HAPI's snapshot generator, through whichever validation support chain is at hand. */
final class Snapshots {

    private Snapshots() {}

    /** The profile with its snapshot; the chain must already know the profile's base. */
    static StructureDefinition generate(IValidationSupport chain, StructureDefinition definition) {
        if (definition.hasSnapshot()) {
            return definition;
        }
        IBaseResource generated = chain.generateSnapshot(
                new ValidationSupportContext(chain),
                definition,
                definition.getUrl(),
                KetamineIg.CANONICAL_BASE,
                definition.getName());
        if (!(generated instanceof StructureDefinition withSnapshot) || !withSnapshot.hasSnapshot()) {
            throw new IllegalStateException("No snapshot could be generated for " + definition.getUrl());
        }
        return withSnapshot;
    }
}
