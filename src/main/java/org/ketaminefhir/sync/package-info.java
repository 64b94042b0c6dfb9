/**
 * What EHRs need to keep in sync with this server: idempotent conditional writes keyed on their own identifiers, even
 * when several sync workers post the same record at once.
 */
package org.ketaminefhir.sync;
