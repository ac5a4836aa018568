package dev.onyx.importer;

import dev.onyx.Onnx;
import dev.onyx.Session;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Many runs do not grow the heap. */
class MemoryTest {
    private static long usedAfterFullGc() throws InterruptedException {
        MemoryMXBean mx = ManagementFactory.getMemoryMXBean();
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
            best = Math.min(best, mx.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    private static void runs(Session s, int n) {
        float[] x = new float[4];
        float sum = 0;
        for (int i = 0; i < n; i++) {
            x[i & 3] = i;
            sum += s.run(Map.of("x", Tensor.of(x, 4))).get("y").floats()[i & 3];
        }
        assertThat(sum).isPositive();
    }

    @Test
    void hundredThousandRunsDoNotGrowTheHeap() throws Exception {
        try (Session s = Onnx.load(TestModels.tiny())) {
            runs(s, 10_000); // warm up: JIT, schedules
            long before = usedAfterFullGc();
            runs(s, 100_000);
            long after = usedAfterFullGc();
            assertThat(after - before).as("heap growth in bytes over 100,000 runs").isLessThan(2L << 20);
        }
    }
}
