package dev.ownergate.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens the HTML audit report in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * installed by {@code .ci/install-chromium.sh}), clicks folders and checks the details panel. Skips, saying why,
 * when the browser is not installed. Leaves {@code target/audit-report.html} and screenshots {@code target/audit-report*.png}.
 */
class HtmlReportBrowserTest {
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("OWNERGATE_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("OWNERGATE_CHROMEDRIVER", "/usr/bin/chromedriver"));

    static ChromeDriver browser;
    static Path report;

    @BeforeAll
    static void openReport(@TempDir Path profile) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            return; // each test then reports itself skipped, with the reason
        }
        report = Path.of("target", "audit-report.html").toAbsolutePath();
        Files.createDirectories(report.getParent());
        StringBuilder html = new StringBuilder();
        ReportFormat.HTML.render(sampleRepo(), html);
        Files.writeString(report, html, StandardCharsets.UTF_8);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1440,960", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.get(report.toUri().toString());
    }

    @BeforeEach
    void needsTheBrowser() {
        assumeTrue(browser != null,
                "SKIPPED: Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "); run .ci/install-chromium.sh");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void clickingAFolderShowsItsOwnersAndRule() throws IOException {
        browser.findElement(By.cssSelector("nav.crumbs a[data-crumb='']")).click();
        screenshot("audit-report.png");
        browser.findElement(By.cssSelector(".box[data-path='services']")).click();
        wait(".box[data-path='services/billing']").click();

        WebElement details = browser.findElement(By.id("details"));
        assertThat(details.findElement(By.className("path")).getText()).isEqualTo("services/billing/");
        assertThat(details.findElement(By.id("detail-owners")).getText()).contains("@org/billing", "@dana");
        assertThat(details.findElement(By.id("detail-rules")).getText()).contains("CODEOWNERS:4", "services/billing/");
        assertThat(browser.findElement(By.id("crumbs")).getText()).contains("services");

        screenshot("audit-report-services.png");
    }

    private static void screenshot(String name) throws IOException {
        Path target = Path.of("target", name);
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(target)).as("screenshot " + target).isGreaterThan(10_000);
    }

    @Test
    void folderWhoseRuleHasNoOwnersShowsUnownedAndThatRule() {
        browser.findElement(By.cssSelector("nav.crumbs a[data-crumb='']")).click();
        wait(".box[data-path='vendor']").click();

        WebElement details = browser.findElement(By.id("details"));
        assertThat(details.findElement(By.id("detail-owners")).getText()).contains("unowned");
        assertThat(details.findElement(By.id("detail-rules")).getText()).contains("CODEOWNERS:10", "vendor/");
    }

    @Test
    void pageLoadsNothingFromTheNetwork() {
        Object resources = ((JavascriptExecutor) browser)
                .executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");

        assertThat((List<?>) resources).isEmpty();
    }

    @Test
    void foldersAreColouredByOwnerSetNotByTheirFirstOwner() {
        browser.findElement(By.cssSelector("nav.crumbs a[data-crumb='']")).click();
        wait(".box[data-path='lab']").click();
        String a = wait(".box[data-path='lab/a']").getCssValue("background-color");
        String b = browser.findElement(By.cssSelector(".box[data-path='lab/b']")).getCssValue("background-color");

        assertThat(a).as("@amy @bob and @amy @carl are different owners").isNotEqualTo(b);
    }

    @Test
    void everyBoxColourIsInTheLegendAndAnyoneIsGrey() {
        browser.findElement(By.cssSelector("nav.crumbs a[data-crumb='']")).click();
        List<String> legend = browser.findElements(By.cssSelector("#legend .entry")).stream()
                .map(e -> e.findElement(By.className("sw")).getCssValue("background-color")).toList();
        List<String> labels = browser.findElements(By.cssSelector("#legend .entry")).stream().map(WebElement::getText).toList();
        assertThat(labels).contains("@org/billing", "@amy @bob", "@amy @carl", "anyone may approve", "unowned");

        for (WebElement box : browser.findElements(By.cssSelector("#map .box[data-path]"))) {
            if (!box.getAttribute("class").contains("unowned-fill")) {
                assertThat(legend).as("colour of %s", box.getAttribute("data-path"))
                        .contains(box.getCssValue("background-color"));
            }
        }
        wait(".box[data-path='sandbox']").click();
        assertThat(browser.findElement(By.cssSelector(".box[data-path='sandbox']")).getCssValue("background-color"))
                .isEqualTo("rgba(140, 149, 159, 1)"); // #8c959f, the grey of "anyone may approve"
    }

    @Test
    void headerAndSidePanelAgreeOnWhatOwnedMeans() {
        browser.findElement(By.cssSelector("nav.crumbs a[data-crumb='']")).click();
        ((JavascriptExecutor) browser).executeScript("document.querySelector('nav.crumbs a[data-crumb=\"\"]').click();");
        String header = browser.findElement(By.id("owned-percent")).getText();
        String panel = browser.findElement(By.cssSelector("#details .figures")).getText();

        assertThat(panel).as("the root's panel").contains("· " + header + " owned").contains("anyone may approve");
    }

    private static WebElement wait(String css) {
        return new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
    }

    /** A made-up repository with a handful of teams, a user, and unowned corners. */
    static AuditReport sampleRepo() {
        List<String> files = new ArrayList<>();
        String[][] areas = {
            {"services/auth", "40"}, {"services/billing", "55"}, {"services/search", "70"}, {"services/search/index", "35"},
            {"services/gateway", "25"}, {"web/app", "90"}, {"web/components", "60"}, {"web/legacy", "20"},
            {"docs", "30"}, {"docs/api", "15"}, {"tools", "12"}, {"tools/release", "8"}, {"vendor/zlib", "45"},
            {"vendor/json", "18"}, {"infra/terraform", "28"}, {"infra/k8s", "22"}, {"mobile/ios", "38"}, {"mobile/android", "42"},
            {"lab/a", "30"}, {"lab/b", "30"}, {"sandbox", "25"},
        };
        for (String[] area : areas) {
            for (int i = 0; i < Integer.parseInt(area[1]); i++) {
                files.add(area[0] + "/file" + i + (i % 3 == 0 ? ".py" : ".go"));
            }
        }
        files.add("README.md");
        Collections.sort(files);
        return OwnershipAudit.of(files, new FakeRuleIndex(
                "* @org/platform",
                "services/ @org/backend",
                "services/auth/ @org/identity",
                "services/billing/ @org/billing @dana",
                "services/search/ @org/search",
                "web/ @org/frontend",
                "web/legacy/",
                "docs/ @org/docs",
                "tools/release/ @erin",
                "vendor/",
                "infra/ @org/sre",
                "mobile/ios/ @org/mobile",
                "mobile/android/ @org/mobile",
                "old/ @org/ghosts",
                "lab/a/ @amy @bob",
                "lab/b/ @amy @carl",
                "sandbox/ *"));
    }
}
