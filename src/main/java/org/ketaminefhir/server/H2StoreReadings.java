package org.ketaminefhir.server;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * What housekeeping reads off an H2 store, through H2's public statistics ({@code FileStore.populateInfo}, the same
 * figures as {@code INFORMATION_SCHEMA.SETTINGS}).
 *
 * @param fileOperations reads and writes of the file so far; a change between two passes means the store is in use
 * @param rewritableChunksFillRate live share, in percent, of the chunks H2 would rewrite: partly live and older than
 *     the retention time. Chunks that are full, dead, or still retained for readers are left out, so the chunks a
 *     rewrite has just emptied or written do not make the store look fragmented.
 * @param fileFillRate share of the file, in percent, that chunks occupy
 * @param fileSize bytes
 */
record H2StoreReadings(long fileOperations, int rewritableChunksFillRate, int fileFillRate, long fileSize) {

    static H2StoreReadings of(MVStore store) {
        FileStore<?> file = store.getFileStore();
        int[] rates = {100, 100};
        file.populateInfo((key, value) -> {
            if ("info.CHUNKS_FILL_RATE_RW".equals(key)) {
                rates[0] = Integer.parseInt(value);
            } else if ("info.FILL_RATE".equals(key)) {
                rates[1] = Integer.parseInt(value);
            }
        });
        return new H2StoreReadings(file.getWriteCount() + file.getReadCount(), rates[0], rates[1],
                file.size());
    }
}
