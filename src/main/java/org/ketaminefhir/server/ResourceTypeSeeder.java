package org.ketaminefhir.server;

import ca.uhn.fhir.jpa.cache.IResourceTypeCacheSvc;
import ca.uhn.fhir.jpa.model.util.ResourceLinkUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * HAPI fills its resource-type table with every R4 type at start-up, but not with the placeholder type it records for
 * references whose target type is unknown (e.g. a canonical URL). That row is then created lazily inside the first
 * transaction that needs it, and when two requests need it at once on a fresh database the loser's whole transaction
 * is rolled back (a 500). Creating the row here, once, before any request is served, removes the race.
 */
@Component
class ResourceTypeSeeder implements SmartInitializingSingleton {

    private final IResourceTypeCacheSvc resourceTypes;

    ResourceTypeSeeder(IResourceTypeCacheSvc resourceTypes) {
        this.resourceTypes = resourceTypes;
    }

    @Override
    public void afterSingletonsInstantiated() {
        resourceTypes.getResourceTypeId(ResourceLinkUtils.UNKNOWN);
    }
}
