package org.ketaminefhir.security.rules;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART clinical scope, e.g. {@code system/Observation.rs} or {@code patient/*.cruds} (SMART App Launch 2.x), or
 * its v1 form {@code patient/*.read} / {@code user/*.write} / {@code system/*.*}. v1 "read" means read and search,
 * "write" create, update and delete. Scopes with query parameters ({@code ?category=...}) are not honoured: they would
 * narrow access in a way this server does not enforce, so they grant nothing rather than too much.
 */
public record SmartScope(ScopeContext context, String resourceType, Set<Permission> permissions) {

    /** Any resource type. */
    public static final String ALL_TYPES = "*";

    private static final Pattern CLINICAL = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.([a-z*]+)");
    private static final Pattern V2 = Pattern.compile("c?r?u?d?s?");

    public SmartScope {
        permissions = permissions.isEmpty() ? EnumSet.noneOf(Permission.class) : EnumSet.copyOf(permissions);
    }

    /** The scope, or empty for anything that is not a clinical scope this server honours (openid, launch, ...). */
    public static Optional<SmartScope> parse(String scope) {
        Matcher matcher = CLINICAL.matcher(scope);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        ScopeContext context = ScopeContext.valueOf(matcher.group(1).toUpperCase());
        Optional<Set<Permission>> permissions = permissions(matcher.group(3));
        return permissions.map(p -> new SmartScope(context, matcher.group(2), p));
    }

    private static Optional<Set<Permission>> permissions(String text) {
        switch (text) {
            case "read":
                return Optional.of(EnumSet.of(Permission.READ, Permission.SEARCH));
            case "write":
                return Optional.of(EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE));
            case "*":
                return Optional.of(EnumSet.allOf(Permission.class));
            default:
                if (text.isEmpty() || !V2.matcher(text).matches()) {
                    return Optional.empty();
                }
                Set<Permission> granted = EnumSet.noneOf(Permission.class);
                for (Permission permission : Permission.values()) {
                    if (text.indexOf(permission.letter()) >= 0) {
                        granted.add(permission);
                    }
                }
                return Optional.of(granted);
        }
    }

    public boolean allows(Permission permission) {
        return permissions.contains(permission);
    }

    public boolean isForAllTypes() {
        return ALL_TYPES.equals(resourceType);
    }
}
