package org.ketaminefhir.conformance;

/** Names of the implementation guide, defined once. Every canonical URL in {@code profiles/} starts with the base. */
public final class KetamineIg {

    /** The canonical base of every conformance resource of the guide (checked by ProfilesFolderTest). */
    public static final String CANONICAL_BASE = "https://ketamine-fhir.org/ig";

    public static final String IMPLEMENTATION_GUIDE_ID = "ketamine-therapy";

    private KetamineIg() {}

    public static String canonical(String resourceType, String id) {
        return CANONICAL_BASE + "/" + resourceType + "/" + id;
    }
}
