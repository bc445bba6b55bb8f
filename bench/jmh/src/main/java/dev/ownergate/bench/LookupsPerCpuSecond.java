package dev.ownergate.bench;

import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersMatcher;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The JMH benchmark's workload, timed by this thread's CPU time instead of the wall clock: a cross-check
 * on a shared machine, where other processes take the core away during JMH's wall-clock iterations.
 * Run: {@code java -cp bench/jmh/target/ownergate-jmh.jar dev.ownergate.bench.LookupsPerCpuSecond [rounds]}
 */
public final class LookupsPerCpuSecond {

    private LookupsPerCpuSecond() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        GeneratedRepo repo = new GeneratedRepo(10_000, 100_000, 20261125L);
        CodeownersMatcher matcher = CodeownersMatcher.of(CodeownersFile.parse(".github/CODEOWNERS", repo.codeowners).rules());
        String[] paths = repo.paths.toArray(String[]::new);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 1; round <= rounds; round++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            for (int pass = 0; pass < 10; pass++) {
                for (String path : paths) {
                    sink += matcher.match(path).isPresent() ? 1 : 0;
                }
            }
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
            long lookups = 10L * paths.length;
            System.out.printf("round %2d: %,.0f lookups per CPU second (%,.0f per wall-clock second)%n",
                    round, lookups / cpuSeconds, lookups / wallSeconds);
        }
        System.out.println("(" + sink + " matched)");
    }
}
