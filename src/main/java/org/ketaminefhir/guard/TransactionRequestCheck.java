package org.ketaminefhir.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryRequestComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * Checks what each entry of a transaction or batch asks the server to do, before anything acts on it. Without this,
 * HAPI guesses: a POST without a url creates whatever resource the entry carries, a POST to {@code Observation}
 * carrying a Patient creates a Patient, and an entry with no resource and no url is refused by authorization (403)
 * rather than as the malformed request it is.
 *
 * <p>The rules are the base specification's (FHIR R4 Bundle and http.html#transaction): a transaction or batch entry
 * has a request (invariant bdl-3), whose method and url are 1..1; POST, PUT and PATCH carry a resource; and the
 * resource type a POST or PUT url names is the type of the resource it carries.
 */
final class TransactionRequestCheck {

    private static final Set<Bundle.BundleType> REQUEST_BUNDLES =
            Set.of(Bundle.BundleType.TRANSACTION, Bundle.BundleType.BATCH);
    private static final Set<HTTPVerb> VERBS_WITH_A_RESOURCE = Set.of(HTTPVerb.POST, HTTPVerb.PUT, HTTPVerb.PATCH);
    private static final Set<HTTPVerb> VERBS_NAMING_THE_TYPE = Set.of(HTTPVerb.POST, HTTPVerb.PUT);

    /** One message per problem, each starting with the element's path, as in {@code Bundle.entry[2].request.url: }. */
    List<String> problems(Bundle bundle) {
        List<String> problems = new ArrayList<>();
        if (!REQUEST_BUNDLES.contains(bundle.getType())) {
            return problems;
        }
        List<BundleEntryComponent> entries = bundle.getEntry();
        for (int i = 0; i < entries.size(); i++) {
            checkEntry(entries.get(i), "Bundle.entry[" + i + "]", problems);
        }
        return problems;
    }

    private static void checkEntry(BundleEntryComponent entry, String path, List<String> problems) {
        if (!entry.hasRequest()) {
            problems.add(path + ".request: a transaction or batch entry needs a request (bdl-3)");
            return;
        }
        BundleEntryRequestComponent request = entry.getRequest();
        if (!request.hasMethod()) {
            problems.add(RequiredElementsCheck.missing(path + ".request.method"));
        }
        if (!request.hasUrl()) {
            problems.add(RequiredElementsCheck.missing(path + ".request.url"));
        }
        HTTPVerb method = request.getMethod();
        if (method == null) {
            return;
        }
        if (VERBS_WITH_A_RESOURCE.contains(method) && entry.getResource() == null) {
            problems.add(path + ".resource: a " + method.toCode() + " entry needs a resource");
        }
        if (VERBS_NAMING_THE_TYPE.contains(method) && entry.getResource() != null && request.hasUrl()) {
            String named = resourceTypeIn(request.getUrl());
            String carried = entry.getResource().fhirType();
            if (named != null && !named.equals(carried)) {
                problems.add(path + ".request.url: " + method.toCode() + " " + request.getUrl() + " names the type "
                        + named + ", but the entry carries a " + carried);
            }
        }
    }

    /** The type a relative url starts with; null for an absolute url, which HAPI resolves against its own base. */
    static String resourceTypeIn(String url) {
        if (url.contains("://")) {
            return null;
        }
        String relative = url.startsWith("/") ? url.substring(1) : url;
        int end = relative.length();
        for (char separator : new char[] {'/', '?'}) {
            int at = relative.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return relative.substring(0, end);
    }
}
