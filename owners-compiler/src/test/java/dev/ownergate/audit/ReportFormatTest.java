package dev.ownergate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Golden files for the text, JSON and CSV reports. After an intended change, regenerate with
 * {@code -Dgolden.update=true} and review the diff.
 */
class ReportFormatTest {

    static AuditReport sample() {
        List<String> files = List.of(
                ".github/CODEOWNERS",
                "README.md",
                "docs/guide.md",
                "docs/api/index.md",
                "lib/core/a.py",
                "lib/core/b.py",
                "lib/pay/charge.py",
                "lib/pay/refund.py",
                "lib/pay/sub/deep.py",
                "lib/util.js",
                "notes/\"quoted\", name.txt",
                "notes/plan.md",
                "vendor/left/pad.js",
                "vendor/right/pad.js");
        return OwnershipAudit.of(files, new FakeRuleIndex(
                "* @org/platform",
                "*.py @org/python",
                "lib/ @org/core @org/python",
                "lib/pay/ @alice",
                "old/ @bob",
                "docs/ @org/docs",
                "docs/ @org/docs @carol",
                "vendor/",
                "README.md",
                "*.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"TEXT, audit.txt", "JSON, audit.json", "CSV, audit.csv"})
    void rendersAsTheGoldenFile(ReportFormat format, String golden) throws IOException {
        StringBuilder out = new StringBuilder();
        format.render(sample(), out);

        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(Path.of("src/test/resources/dev/ownergate/audit/golden", golden), out.toString());
        }
        assertThat(out.toString()).isEqualTo(read("golden/" + golden));
    }

    @Test
    void htmlIsOnePageThatFetchesNothing() throws IOException {
        StringBuilder out = new StringBuilder();
        ReportFormat.HTML.render(sample(), out);
        String html = out.toString();

        assertThat(html).startsWith("<!DOCTYPE html>").contains("\"source\":\"CODEOWNERS\"");
        assertThat(html).doesNotContain("/*DATA*/", "<!--TITLE-->", "http://", "https://", "<link", " src=");
        assertThat(html).contains("default-src 'none'");
    }

    @Test
    void htmlDataCannotCloseItsScriptElement() throws IOException {
        AuditReport evil = OwnershipAudit.of(List.of("x</script><b>/a"), new FakeRuleIndex("x</script><b>/ @alice"));
        StringBuilder out = new StringBuilder();
        ReportFormat.HTML.render(evil, out);

        assertThat(out.toString().split("</script>", -1)).hasSize(3); // the data block's and the code's own
    }

    @Test
    void hugeTreesAreCappedLargestFoldersFirstAndSaySo() throws IOException {
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j <= i; j++) {
                files.add("d" + (100 + i) + "/f" + j);
            }
        }
        java.util.Collections.sort(files);
        AuditReport r = OwnershipAudit.of(files, new FakeRuleIndex("* @org/all"));
        StringBuilder out = new StringBuilder();
        HtmlReport.render(r, out, 11);

        assertThat(HtmlReport.choose(r.root(), 11)).extracting(FolderNode::path)
                .contains("", "d149", "d140").doesNotContain("d139");
        assertThat(out.toString()).contains("\"folders\":51,\"shown\":11", "\"hidden\":40");
    }

    static String read(String resource) throws IOException {
        try (InputStream in = ReportFormatTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("resource " + resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
