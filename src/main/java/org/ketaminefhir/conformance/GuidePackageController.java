package org.ketaminefhir.conformance;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the guide's NPM package the way a FHIR package registry does: {@code GET /packages/{id}/{version}} (and
 * {@code /packages/{id}} for the current version) answers the {@code .tgz}. The package is built by Maven into the
 * jar; nothing is generated per request.
 */
@RestController
class GuidePackageController {

    private final GuideCatalog catalog;

    GuidePackageController(GuideCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/packages/{packageId}")
    ResponseEntity<Resource> current(@PathVariable String packageId) {
        return version(packageId, catalog.implementationGuide().orElseThrow().getVersion());
    }

    @GetMapping("/packages/{packageId}/{version}")
    ResponseEntity<Resource> version(@PathVariable String packageId, @PathVariable String version) {
        var guide = catalog.implementationGuide().orElseThrow();
        Resource tgz = new ClassPathResource(GuidePackageBuilder.PACKAGES_FOLDER + "/" + GuidePackageBuilder.fileName(guide));
        if (!guide.getPackageId().equals(packageId) || !guide.getVersion().equals(version) || !tgz.exists()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/tar+gzip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"package.tgz\"")
                .body(tgz);
    }
}
