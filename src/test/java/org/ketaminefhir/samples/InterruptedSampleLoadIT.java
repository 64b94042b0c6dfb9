package org.ketaminefhir.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaminefhir.support.Fhir.parse;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ketaminefhir.support.Poll;
import org.ketaminefhir.support.ServerNode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A server stopped while it loads the samples into a new database finishes the bundle it is posting and stops cleanly;
 * the next start posts the rest, once each.
 */
@ExtendWith(OutputCaptureExtension.class)
class InterruptedSampleLoadIT {

    private static final String MRN = "https://sample-clinic.ketamine-fhir.org/id/mrn";
    private static final String LAST_SAMPLE_ENTRY =
            "/Observation?identifier=https://ehr.sample-hospital.org/id/observation|OBS-123456";

    @TempDir
    Path dataDir;

    @Test
    void aStopDuringTheSampleLoadLeavesWholeBundlesAndTheNextStartPostsTheRest(CapturedOutput output) {
        try (ServerNode first = start()) {
            Bundle firstPatient = Poll.until(
                    () -> search(first, "/Patient?identifier=" + MRN + "|MRN-1001"),
                    found -> !found.getEntry().isEmpty(),
                    Duration.ofMinutes(2));
            assertThat(firstPatient.getEntry()).as("the first patient's bundle loaded").hasSize(1);
        }
        assertThat(output.getOut()).contains("Sample data: stopped after").doesNotContain("Sample data not loaded");

        try (ServerNode second = start()) {
            Bundle last = Poll.until(
                    () -> search(second, LAST_SAMPLE_ENTRY), found -> !found.getEntry().isEmpty(), Duration.ofMinutes(2));
            assertThat(last.getEntry()).as("the last sample's last entry").hasSize(1);
            for (String mrn : new String[] {"MRN-1001", "MRN-1002", "MRN-1003", "MRN-1004", "MRN-1005"}) {
                assertThat(search(second, "/Patient?identifier=" + MRN + "|" + mrn).getEntry()).as(mrn).hasSize(1);
            }
            String rivera = search(second, "/Patient?identifier=" + MRN + "|MRN-1001").getEntryFirstRep().getResource()
                    .getIdElement().getIdPart();
            assertThat(search(second, "/Procedure?patient=" + rivera).getEntry()).as("Rivera's sessions").hasSize(6);
            assertThat(search(second, "/Organization?identifier=https://sample-clinic.ketamine-fhir.org/id/organization|clinic-1")
                    .getEntry()).as("the sample clinic").hasSize(1);
        }
        assertThat(output.getOut()).containsPattern("Loaded the last \\d sample bundles, after an interrupted load");
    }

    private ServerNode start() {
        return ServerNode.start(null, Map.of("ketamine.data-dir", dataDir.toString()));
    }

    private static Bundle search(ServerNode node, String query) {
        return parse(node.request().get(query).then().statusCode(200).extract().response(), Bundle.class);
    }
}
