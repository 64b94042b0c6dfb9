package org.ketaminefhir.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HAPI stores each resource version's JSON in a CLOB column (HFJ_RES_VER.RES_TEXT_VC). On the shipped embedded
 * database a resource of the usual size stays in its row instead of going to H2's separate LOB storage, which costs
 * extra B-tree writes at every commit and lookups at every read.
 */
class InlineResourceTextTest {

    /** About the size of a BALP AuditEvent, the most frequent resource the server writes. */
    private static final int AUDIT_EVENT_CHARS = 2_000;

    @TempDir
    Path folder;

    @Test
    void aResourceOfTwoKilobytesIsStoredInItsRow() throws Exception {
        String text = json(AUDIT_EVENT_CHARS);

        storeAndReadBack(text, 50);

        assertThat(lobBlocksInFile()).as("blocks in H2's LOB storage").isZero();
    }

    /** The control: a text above the limit does reach H2's LOB storage, so the check above can see it. */
    @Test
    void aResourceOfTwentyKilobytesGoesToTheLobStorage() throws Exception {
        String text = json(20_000);

        storeAndReadBack(text, 1);

        assertThat(lobBlocksInFile()).as("blocks in H2's LOB storage").isPositive();
    }

    private void storeAndReadBack(String text, int rows) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ShippedDatabaseUrl.in(folder), "sa", "")) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE res_ver (pid BIGINT PRIMARY KEY, res_text_vc CHARACTER LARGE OBJECT)");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO res_ver VALUES (?, ?)")) {
                for (long pid = 1; pid <= rows; pid++) {
                    insert.setLong(1, pid);
                    insert.setString(2, text);
                    insert.executeUpdate();
                }
            }
            try (Statement select = connection.createStatement();
                    ResultSet stored = select.executeQuery("SELECT res_text_vc FROM res_ver")) {
                int read = 0;
                while (stored.next()) {
                    assertThat(stored.getString(1)).isEqualTo(text);
                    read++;
                }
                assertThat(read).isEqualTo(rows);
            }
        }
    }

    /** Opened after the database has closed: the map in which H2 keeps the content of out-of-row LOBs. */
    private long lobBlocksInFile() {
        MVStore store = new MVStore.Builder().fileName(folder.resolve("ketamine-fhir.mv.db").toString())
                .readOnly().open();
        try {
            if (!store.hasMap("lobData")) {
                return 0;
            }
            MVMap<Long, byte[]> lobData = store.openMap("lobData", new MVMap.Builder<Long, byte[]>()
                    .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
            return lobData.sizeAsLong();
        } finally {
            store.close();
        }
    }

    private static String json(int chars) {
        StringBuilder json = new StringBuilder("{\"resourceType\":\"AuditEvent\",\"text\":\"");
        while (json.length() < chars - 2) {
            json.append("recorded ");
        }
        return json.append("\"}").toString();
    }
}
