package org.ketaminefhir.audit;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Which resource types reference given patients, read from HAPI's reference index (HFJ_RES_LINK) in one query. It
 * reads the search-parameter path, which begins with the source type and is part of HAPI's index on the link target,
 * so the database answers from that index alone.
 */
class PatientLinkTypes {

    private static final String FOR_PATIENTS = "SELECT DISTINCT l.SRC_PATH FROM HFJ_RES_LINK l"
            + " JOIN HFJ_RESOURCE r ON r.RES_ID = l.TARGET_RESOURCE_ID"
            + " WHERE r.RES_TYPE = 'Patient' AND r.FHIR_ID IN (:ids)";
    private static final String FOR_ALL_PATIENTS =
            "SELECT DISTINCT SRC_PATH FROM HFJ_RES_LINK WHERE TARGET_RESOURCE_TYPE = 'Patient'";

    private final NamedParameterJdbcTemplate jdbc;
    private final Set<String> resourceTypes;

    PatientLinkTypes(NamedParameterJdbcTemplate jdbc, Set<String> resourceTypes) {
        this.jdbc = jdbc;
        this.resourceTypes = resourceTypes;
    }

    /** The types of resources that reference any of these patients (by FHIR id); no ids means every patient. */
    Set<String> referencing(Collection<String> patientIds) {
        List<String> paths = patientIds.isEmpty()
                ? jdbc.queryForList(FOR_ALL_PATIENTS, Map.of(), String.class)
                : jdbc.queryForList(FOR_PATIENTS, Map.of("ids", patientIds), String.class);
        Set<String> types = new TreeSet<>();
        for (String path : paths) {
            String type = sourceType(path);
            if (resourceTypes.contains(type)) {
                types.add(type);
            }
        }
        return types;
    }

    /** {@code Observation.subject} and {@code (Observation.subject)} both name Observation. */
    static String sourceType(String path) {
        String trimmed = path.strip();
        while (trimmed.startsWith("(")) {
            trimmed = trimmed.substring(1).strip();
        }
        int dot = trimmed.indexOf('.');
        return dot < 0 ? trimmed : trimmed.substring(0, dot);
    }
}
