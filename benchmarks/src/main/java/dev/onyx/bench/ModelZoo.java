package dev.onyx.bench;

import dev.onyx.importer.TensorFiles;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Runs every model folder of the model zoo (tools/model_zoo/export_models.py) in Onyx and in ONNX Runtime
 * on the same input and prints a Markdown table of their agreement and one timed run each.
 *
 * <p>Usage: {@code ModelZoo DIR [threads]}; DIR holds one folder per model with {@code model.onnx} and
 * {@code input_0.pb}, or {@code export_failed.txt} when the export failed.
 */
public final class ModelZoo {
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-4;

    private ModelZoo() {}

    /** One table row. */
    record Row(String model, String status, double maxAbs, double maxRel, String verdict, double onyxMs, double ortMs,
               String vsTorch) {
        Row(String model, String status, double maxAbs, double maxRel, String verdict, double onyxMs, double ortMs) {
            this(model, status, maxAbs, maxRel, verdict, onyxMs, ortMs, "-");
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: ModelZoo DIR [threads]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        List<Row> rows = new ArrayList<>();
        for (Path dir : dirs) {
            Row row = runOne(dir, threads);
            System.err.printf(Locale.ROOT, "%-20s %s %s%n", row.model(), row.verdict(), row.status());
            rows.add(row);
        }
        System.out.printf(Locale.ROOT, "%nThreads: %d. Pass: |onyx - ort| <= %.0e + %.0e * |ort| for every element "
                + "(max rel diff is over elements with |ort| > atol).%n"
                + "Last column: max abs difference of Onyx and of ORT from torch's own output (output_0.pb).%n%n", threads, ATOL, RTOL);
        System.out.println("| model | Onyx status | max abs diff | max rel diff | result | Onyx ms | ORT ms | vs torch (Onyx / ORT) |");
        System.out.println("|---|---|---:|---:|---|---:|---:|---|");
        int pass = 0;
        for (Row r : rows) {
            if (r.verdict().equals("pass")) pass++;
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", r.model(), r.status().replace("|", "\\|"),
                    sci(r.maxAbs()), sci(r.maxRel()), r.verdict(), ms(r.onyxMs()), ms(r.ortMs()), r.vsTorch());
        }
        System.out.printf(Locale.ROOT, "%n%d of %d models pass.%n", pass, rows.size());
    }

    static Row runOne(Path dir, int threads) throws IOException {
        String name = dir.getFileName().toString();
        Path failed = dir.resolve("export_failed.txt");
        if (Files.exists(failed)) {
            String reason = Files.readAllLines(failed).stream().findFirst().orElse("");
            return new Row(name, "export failed: " + shorten(reason), Double.NaN, Double.NaN, "export failed", Double.NaN, Double.NaN);
        }
        Path modelFile = dir.resolve("model.onnx");
        Path inputFile = dir.resolve("input_0.pb");
        if (!Files.exists(modelFile) || !Files.exists(inputFile)) {
            return new Row(name, "no model.onnx/input_0.pb", Double.NaN, Double.NaN, "skipped", Double.NaN, Double.NaN);
        }
        byte[] model = Files.readAllBytes(modelFile);
        TensorFiles.Named in = TensorFiles.read(inputFile);
        String inputName = in.name().isEmpty() ? "input" : in.name();
        Tensor input = in.tensor().dtype() == DType.FLOAT ? in.tensor() : in.tensor().castTo(DType.FLOAT);

        float[] expected;
        double ortMs;
        try (Engine ort = Engine.create("ort", model, inputName, input, threads)) {
            ort.run();
            long t0 = System.nanoTime();
            expected = ort.run();
            ortMs = (System.nanoTime() - t0) / 1e6;
        } catch (RuntimeException e) {
            System.err.println(name + ": ONNX Runtime failed");
            e.printStackTrace();
            return new Row(name, "ORT failed: " + shorten(String.valueOf(e.getMessage())), Double.NaN, Double.NaN, "no reference", Double.NaN, Double.NaN);
        }

        Engine onyx;
        try {
            onyx = Engine.create("onyx", model, inputName, input, threads);
        } catch (RuntimeException | Error e) {
            System.err.println(name + ": Onyx load failed");
            e.printStackTrace();
            return new Row(name, "load failed: " + shorten(e.toString()), Double.NaN, Double.NaN, "fail", Double.NaN, ortMs);
        }
        float[] actual;
        double onyxMs;
        try (onyx) {
            onyx.run();
            long t0 = System.nanoTime();
            actual = onyx.run();
            onyxMs = (System.nanoTime() - t0) / 1e6;
        } catch (RuntimeException | Error e) {
            System.err.println(name + ": Onyx run failed");
            e.printStackTrace();
            return new Row(name, "run failed: " + shorten(e.toString()), Double.NaN, Double.NaN, "fail", Double.NaN, ortMs);
        }
        if (actual.length != expected.length) {
            return new Row(name, "ok", Double.NaN, Double.NaN,
                    "fail (" + actual.length + " values, expected " + expected.length + ")", onyxMs, ortMs);
        }
        double maxAbs = 0, maxRel = 0;
        boolean ok = true;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            double d = Math.abs(a - e);
            if (!(d <= ATOL + RTOL * Math.abs(e))) ok = false;
            if (Double.isNaN(d)) {
                maxAbs = Double.NaN;
            } else if (d > maxAbs) {
                maxAbs = d;
            }
            if (Math.abs(e) > ATOL && d / Math.abs(e) > maxRel) maxRel = d / Math.abs(e);
        }
        String vsTorch = "-";
        Path torchFile = dir.resolve("output_0.pb");
        if (Files.exists(torchFile)) {
            float[] torch = TensorFiles.read(torchFile).tensor().floats();
            vsTorch = sci(maxAbsDiff(torch, actual)) + " / " + sci(maxAbsDiff(torch, expected));
        }
        return new Row(name, "ok", maxAbs, maxRel, ok ? "pass" : "fail", onyxMs, ortMs, vsTorch);
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) return Double.NaN;
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) return Double.NaN;
            m = Math.max(m, d);
        }
        return m;
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() > 160 ? one.substring(0, 157) + "..." : one;
    }

    private static String sci(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2e", v); }

    private static String ms(double v) { return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v); }
}
