package dev.ownergate.app.browser;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium and ChromeDriver, as the app's browser tests drive them (installed by .ci/install-deps.sh). */
public final class HeadlessChromium {
    public static final Path CHROMIUM =
            Path.of(System.getenv().getOrDefault("OWNERGATE_CHROMIUM", "/usr/bin/chromium"));
    public static final Path CHROMEDRIVER =
            Path.of(System.getenv().getOrDefault("OWNERGATE_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    public static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** Why a browser test skips when {@link #installed()} is false. */
    public static String notInstalled() {
        return "SKIPPED: Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER + "); run .ci/install-chromium.sh";
    }

    /**
     * A new browser with its own profile folder. The background-networking flags keep it from calling out: this
     * machine's closed network refuses those connections, many at a time.
     */
    public static ChromeDriver start(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(), options);
    }
}
