package org.ketaminefhir.server;

import java.util.Map;
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
 * @param writtenBytes bytes written to the file so far
 * @param chunkBytes bytes the chunks occupy, to the block, from H2's layout map (one entry per chunk): what a cycle
 *     of idle housekeeping frees is, on a file of gigabytes, less than the one percent {@code fileFillRate} can show
 */
record H2StoreReadings(long fileOperations, int rewritableChunksFillRate, int fileFillRate, long fileSize,
        long writtenBytes, long chunkBytes) {

    /** H2's file block, the unit of a chunk's length (FileStore.BLOCK_SIZE, not public). */
    static final int BLOCK_BYTES = 4096;
    private static final String CHUNK_KEY_PREFIX = "chunk.";

    static H2StoreReadings of(MVStore store) {
        FileStore<?> file = store.getFileStore();
        long[] info = {100, 100, 0};
        file.populateInfo((key, value) -> {
            switch (key) {
                case "info.CHUNKS_FILL_RATE_RW" -> info[0] = Long.parseLong(value);
                case "info.FILL_RATE" -> info[1] = Long.parseLong(value);
                case "info.FILE_WRITE_BYTES" -> info[2] = Long.parseLong(value);
                default -> { }
            }
        });
        long chunkBytes = chunkBytes(file);
        // Counted last: reading the layout map may read pages, and those reads are not use of the store.
        return new H2StoreReadings(file.getWriteCount() + file.getReadCount(), (int) info[0], (int) info[1],
                file.size(), info[2], chunkBytes);
    }

    private static long chunkBytes(FileStore<?> file) {
        long blocks = 0;
        for (Map.Entry<String, String> entry : file.getLayoutMap().entrySet()) {
            if (entry.getKey().startsWith(CHUNK_KEY_PREFIX)) {
                blocks += file.createChunk(entry.getValue()).len;
            }
        }
        return blocks * BLOCK_BYTES;
    }
}
