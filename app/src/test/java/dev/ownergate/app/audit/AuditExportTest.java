package dev.ownergate.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ownergate.app.store.AuditEntry;
import dev.ownergate.app.store.DecisionRecord;
import dev.ownergate.app.store.StoredDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditExportTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreDefused() {
        assertThat(AuditExport.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(AuditExport.cell("+1")).isEqualTo("'+1");
        assertThat(AuditExport.cell("@alice")).isEqualTo("'@alice");
        assertThat(AuditExport.cell("a,b")).isEqualTo("\"a,b\"");
        assertThat(AuditExport.cell("plain")).isEqualTo("plain");
    }

    @Test
    void aDecisionBecomesOneCsvRowWithItsFiles() {
        DecisionRecord d = new DecisionRecord("acme/app", 7, "h7", "b7", DecisionRecord.Kind.OVERRIDE,
                "OWNERS files at b7", "r", "every file", "p", List.of(new DecisionRecord.FileDecision("src/a, b.txt",
                List.of("@alice", "@acme/core"), List.of("alice"), "APPROVED")), "success", "Override",
                "root", "prod is down", "d-7", Instant.parse("2026-03-01T10:00:00Z"));
        String csv = AuditExport.csv(List.of(new AuditEntry.Decided(new StoredDecision(42, d))));

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).startsWith("2026-03-01T10:00:00Z,decision,acme/app,7,h7,b7,success,override,override,")
                .contains(",root,prod is down,d-7,,,42,")
                .endsWith("\"src/a, b.txt=APPROVED[@alice @acme/core|alice]\"");
    }

    @Test
    void datesAreUtcDaysOrInstantsAndAnythingElseIsNamed() {
        assertThat(AuditExport.query(null, "2026-03-01", "2026-03-02T12:00:00Z", true).since())
                .contains(Instant.parse("2026-03-01T00:00:00Z"));
        assertThatThrownBy(() -> AuditExport.query(null, "last week", null, false))
                .hasMessageContaining("--since must be a date such as 2026-01-31");
    }
}
