package dev.journeyboard.load.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every bench starts from (JMH's class annotations are inherited): the average time of one
 * call in microseconds, per-thread state, 3 warm-up and 5 measured iterations of 2 s, one fork. A bench whose
 * calls are much shorter or longer says so with its own annotations, which win over these.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public abstract class Microbench {
    /** Builds the props of the elements the benches put on their boards. */
    protected static final JsonNodeFactory N = JsonNodeFactory.instance;
}
