package dev.ownergate.bench;

import dev.ownergate.codeowners.CodeownersFile;
import dev.ownergate.codeowners.CodeownersMatcher;
import dev.ownergate.codeowners.CodeownersRule;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/** Single-threaded lookups of the deciding rule for generated paths against a generated 10k-rule CODEOWNERS. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Thread)
public class CodeownersMatcherBenchmark {

    @Param("10000")
    int rules;

    @Param("100000")
    int paths;

    private CodeownersMatcher matcher;
    private String[] pathArray;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        GeneratedRepo repo = new GeneratedRepo(rules, paths, 20261125L);
        CodeownersFile file = CodeownersFile.parse(".github/CODEOWNERS", repo.codeowners);
        if (!file.errors().isEmpty() || file.rules().size() != rules) {
            throw new IllegalStateException("generated CODEOWNERS is invalid: " + file.errors());
        }
        matcher = CodeownersMatcher.of(file.rules());
        pathArray = repo.paths.toArray(String[]::new);
        long owned = repo.paths.stream().filter(p -> matcher.match(p).map(r -> r.index() > 0).orElse(false)).count();
        System.out.printf("%n%d rules, %d paths, %d decided by a rule other than the catch-all '*'%n",
                rules, paths, owned);
    }

    /** One lookup per call, so the reported ops/s is lookups/s. */
    @Benchmark
    public Optional<CodeownersRule> lookup() {
        String path = pathArray[next];
        if (++next == pathArray.length) {
            next = 0;
        }
        return matcher.match(path);
    }
}
