package dev.ownergate.app.bench;

import dev.ownergate.app.cli.OwnergateMain;
import dev.ownergate.app.config.AppConfig;
import dev.ownergate.app.fake.FakeGitHub;
import dev.ownergate.app.server.OwnergateServer;
import dev.ownergate.app.server.PolicyGate;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Optional;

/**
 * The webhook attack benchmark of issue #10: the real server on loopback, each attack of {@link WebhookAttack}
 * at the size next to a stream of signed deliveries. Arguments:
 * {@code [largeAttackers=240] [slowAttackers=260] [seconds=30] [slowGapSeconds=5]}.
 */
public final class WebhookAttackBench {
    private static final String SECRET = "bench-secret-long-enough";

    public static void main(String[] args) throws Exception {
        OwnergateMain.reserveCoresForAcknowledgements(); // as ./ownergate serve does
        int large = args.length > 0 ? Integer.parseInt(args[0]) : 240;
        int slow = args.length > 1 ? Integer.parseInt(args[1]) : 260;
        Duration duration = Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 30);
        Duration gap = Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 5);
        try (FakeGitHub github = FakeGitHub.start()) {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            AppConfig config = new AppConfig(1, gen.generateKeyPair().getPrivate(),
                    SECRET.getBytes(StandardCharsets.UTF_8), github.apiUrl(), 0, Optional.empty(), Duration.ofHours(1),
                    AppConfig.DEFAULT_MAX_EVALUATIONS);
            try (OwnergateServer server = OwnergateServer.builder(config).gate(new PolicyGate()).reconcile(false)
                    .start()) {
                WebhookAttack attack = new WebhookAttack(server.port(), SECRET);
                System.out.printf("max heap %d MB, %d cores%n", Runtime.getRuntime().maxMemory() >> 20,
                        Runtime.getRuntime().availableProcessors());
                if (large > 0) {
                    System.out.println(attack.run(WebhookAttack.Kind.LARGE_UNSIGNED, large, duration, gap).line());
                }
                if (slow > 0) {
                    System.out.println(attack.run(WebhookAttack.Kind.SLOW_BODIES, slow, duration, gap).line());
                }
            }
        }
        System.exit(0);
    }
}
