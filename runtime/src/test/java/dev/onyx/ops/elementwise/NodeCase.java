package dev.onyx.ops.elementwise;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One ONNX single-node backend test converted to text (see resources/elementwise): op, opset,
 * attributes and data sets of input and expected output tensors.
 */
record NodeCase(String name, String op, int opset, List<Attribute> attrs, List<DataSet> sets) {
    record DataSet(List<Tensor> inputs, List<Tensor> outputs) {}

    Node node() {
        List<String> ins = new ArrayList<>();
        List<Tensor> first = sets.get(0).inputs();
        for (int i = 0; i < first.size(); i++) ins.add(first.get(i) == null ? "" : "in" + i);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < sets.get(0).outputs().size(); i++) outs.add("out" + i);
        return new Node(name, op, "", ins, outs, Attributes.of(attrs.toArray(new Attribute[0])));
    }

    static List<String> index() throws IOException {
        List<String> l = new ArrayList<>();
        try (BufferedReader r = reader("/elementwise/index.txt")) {
            for (String s; (s = r.readLine()) != null; ) if (!s.isBlank()) l.add(s.trim());
        }
        return l;
    }

    private static BufferedReader reader(String resource) {
        InputStream in = NodeCase.class.getResourceAsStream(resource);
        if (in == null) throw new IllegalStateException("missing resource " + resource);
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    static NodeCase load(String path) throws IOException {
        String op = null;
        int opset = 0;
        List<Attribute> attrs = new ArrayList<>();
        List<DataSet> sets = new ArrayList<>();
        List<Tensor> ins = null, outs = null;
        try (BufferedReader r = reader("/elementwise/" + path)) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.isBlank()) continue;
                String[] w = line.split(" ");
                switch (w[0]) {
                    case "op" -> op = w[1];
                    case "opset" -> opset = Integer.parseInt(w[1]);
                    case "attr" -> attrs.add(attribute(w));
                    case "case" -> {
                        ins = new ArrayList<>();
                        outs = new ArrayList<>();
                        sets.add(new DataSet(ins, outs));
                    }
                    case "input" -> ins.add(w[1].equals("absent") ? null : tensor(w));
                    case "output" -> outs.add(tensor(w));
                    default -> throw new IllegalStateException("bad line in " + path + ": " + line);
                }
            }
        }
        String name = path.substring(path.indexOf('/') + 1).replace(".txt", "") + " (" + path.substring(0, path.indexOf('/')) + ")";
        return new NodeCase(name, op, opset, attrs, sets);
    }

    private static String text(String s) {
        return URLDecoder.decode(s.substring(1), StandardCharsets.UTF_8);
    }

    private static Attribute attribute(String[] w) {
        String name = w[1];
        return switch (w[2]) {
            case "float" -> Attribute.ofFloat(name, (float) Double.parseDouble(w[3]));
            case "int" -> Attribute.ofInt(name, Long.parseLong(w[3]));
            case "string" -> Attribute.ofString(name, text(w[3]));
            case "floats" -> {
                List<Float> l = new ArrayList<>();
                for (int i = 3; i < w.length; i++) l.add((float) Double.parseDouble(w[i]));
                yield Attribute.ofFloats(name, l);
            }
            case "ints" -> {
                List<Long> l = new ArrayList<>();
                for (int i = 3; i < w.length; i++) l.add(Long.parseLong(w[i]));
                yield Attribute.ofInts(name, l);
            }
            case "strings" -> {
                List<String> l = new ArrayList<>();
                for (int i = 3; i < w.length; i++) l.add(text(w[i]));
                yield Attribute.ofStrings(name, l);
            }
            default -> throw new IllegalStateException("attribute kind " + w[2]);
        };
    }

    static DType dtype(String name) {
        for (DType t : DType.values()) if (t.toString().equals(name)) return t;
        throw new IllegalStateException("dtype " + name);
    }

    static double real(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static Tensor tensor(String[] w) {
        DType t = dtype(w[1]);
        int[] shape;
        if (w[2].equals("-")) {
            shape = new int[0];
        } else {
            String[] d = w[2].split(",");
            shape = new int[d.length];
            for (int i = 0; i < d.length; i++) shape[i] = Integer.parseInt(d[i]);
        }
        int n = w.length - 3;
        if (t == DType.STRING) {
            String[] s = new String[n];
            for (int i = 0; i < n; i++) s[i] = text(w[3 + i]);
            return Tensor.wrap(t, shape, s);
        }
        if (t.isFloatingPoint()) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = real(w[3 + i]);
            return Tensor.fromDoubles(t, shape, v);
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) v[i] = t == DType.UINT64 ? Long.parseUnsignedLong(w[3 + i]) : Long.parseLong(w[3 + i]);
        return Num.fromLongs(t, shape, v);
    }
}
