package org.ketaminefhir.guard;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeChildChoiceDefinition;
import ca.uhn.fhir.context.RuntimeChildExtension;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Finds elements the base FHIR specification requires (minimum cardinality ≥ 1) that a resource lacks, at any depth,
 * including contained resources. It walks HAPI's model of R4, so it costs microseconds, not the milliseconds of a full
 * instance validation.
 */
final class RequiredElementsCheck {

    private final FhirContext fhirContext;

    RequiredElementsCheck(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** Paths like {@code Observation.component[1].code}, one for each missing required element. */
    List<String> missingElements(IBaseResource resource) {
        List<String> missing = new ArrayList<>();
        BaseRuntimeElementCompositeDefinition<?> definition = fhirContext.getResourceDefinition(resource);
        walk(resource, definition, definition.getName(), missing);
        return missing;
    }

    private void walk(
            IBase element, BaseRuntimeElementCompositeDefinition<?> definition, String path, List<String> missing) {
        for (BaseRuntimeChildDefinition child : definition.getChildren()) {
            List<? extends IBase> values = child.getAccessor().getValues(element);
            String childPath = path + "." + elementName(child);
            long present = values.stream().filter(v -> v != null && !v.isEmpty()).count();
            if (present < child.getMin()) {
                missing.add(childPath);
            }
            boolean repeats = child.getMax() != 1;
            for (int i = 0; i < values.size(); i++) {
                IBase value = values.get(i);
                if (value == null || value.isEmpty()) {
                    continue;
                }
                String valuePath = repeats ? childPath + "[" + i + "]" : childPath;
                BaseRuntimeElementDefinition<?> valueDefinition = value instanceof IBaseResource resource
                        ? fhirContext.getResourceDefinition(resource)
                        : child.getChildElementDefinitionByDatatype(value.getClass());
                if (valueDefinition instanceof BaseRuntimeElementCompositeDefinition<?> composite) {
                    walk(value, composite, valuePath, missing);
                }
            }
        }
    }

    /** How a missing element is reported, in the words of HAPI's validator. */
    static String missing(String path) {
        return path + ": minimum required = 1, but only found 0";
    }

    private static String elementName(BaseRuntimeChildDefinition child) {
        boolean choice = child instanceof RuntimeChildChoiceDefinition && !(child instanceof RuntimeChildExtension);
        return choice ? child.getElementName() + "[x]" : child.getElementName();
    }
}
