package dev.onyx.bench;

import dev.onyx.importer.TensorFiles;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Onyx and ONNX Runtime in one JVM, taking turns: blocks of {@link #BLOCK} runs of one engine, then of the other,
 * the first {@link #SETTLE} runs of each block dropped (the other engine's threads may still be spinning). On a
 * host whose speed drifts (shared cores: whole seconds at 1.5x the time), JMH's separate forks measure the two
 * engines at different moments; turns of a few tens of milliseconds put both through the same conditions, so the
 * ratio is fair even when the times are not. Prints a Markdown table: model, threads, fastest and median run of
 * each engine, their ratios, and the median of the per-block ratios.
 *
 * <p>Usage: {@code benchmarks/run.sh alternate [rounds] [model,...] [threads,...]} (defaults: 60 rounds of
 * 10 + 10 runs, the three CNNs, 1 and 2 threads).
 */
public final class Alternating {
    static final int BLOCK = 10;
    static final int SETTLE = 3;

    private Alternating() {}

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        String[] models = args.length > 1 ? args[1].split(",") : new String[] {"resnet18_bn", "mobilenet_v2_bn", "squeezenet1_1"};
        String[] threadCounts = args.length > 2 ? args[2].split(",") : new String[] {"1", "2"};
        System.out.printf("| model | threads | Onyx fastest ms | Onyx median ms | ORT fastest ms | ORT median ms | fastest ratio | median ratio | median block ratio |%n");
        System.out.printf("|---|---:|---:|---:|---:|---:|---:|---:|---:|%n");
        for (String model : models) {
            for (String t : threadCounts) {
                int threads = Integer.parseInt(t);
                Path dir = SharedModels.dir(model);
                Tensor input = TensorFiles.read(dir.resolve("test_data_set_0/input_0.pb")).tensor();
                Tensor expected = TensorFiles.read(dir.resolve("test_data_set_0/output_0.pb")).tensor();
                byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
                try (Engine onyx = Engine.create("onyx", bytes, "input", input, threads);
                     Engine ort = Engine.create("ort", bytes, "input", input, threads)) {
                    Check.close("onyx " + model, expected.floats(), onyx.run(), 1e-3, 1e-4);
                    Check.close("ort " + model, expected.floats(), ort.run(), 1e-3, 1e-4);
                    List<Double> a = new ArrayList<>(), b = new ArrayList<>(), blockRatio = new ArrayList<>();
                    int warm = Math.max(2, rounds / 5);
                    for (int round = 0; round < rounds + warm; round++) {
                        double sa = turn(onyx, round >= warm ? a : null);
                        double sb = turn(ort, round >= warm ? b : null);
                        if (round >= warm) blockRatio.add(sa / sb);
                    }
                    Collections.sort(a);
                    Collections.sort(b);
                    Collections.sort(blockRatio);
                    double am = a.get(a.size() / 2), bm = b.get(b.size() / 2);
                    System.out.printf("| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |%n", model, threads, a.get(0), am,
                            b.get(0), bm, a.get(0) / b.get(0), am / bm, blockRatio.get(blockRatio.size() / 2));
                }
            }
        }
    }

    /** One block of runs; adds the settled run times (ms) to {@code into} when not null and returns their sum. */
    private static double turn(Engine e, List<Double> into) {
        double sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            long t0 = System.nanoTime();
            e.run();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= SETTLE) {
                sum += ms;
                if (into != null) into.add(ms);
            }
        }
        return sum;
    }
}
