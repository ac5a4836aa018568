package dev.onyx.ops.norm;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Fact;
import dev.onyx.ir.Node;
import dev.onyx.ops.Op;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every single-node ONNX backend test case of the norm family (ONNX 1.12 and 1.23 test data,
 * converted to text in {@code norm/onnx-node-cases.txt}) through the op and through its infer().
 */
class OnnxNodeCasesTest {
    record Case(String name, String op, int opset, List<Attribute> attrs, List<String> inputs, List<String> outputs,
                Map<String, Tensor> in, Map<String, Tensor> out) {}

    static List<Case> load() throws IOException {
        List<Case> cases = new ArrayList<>();
        try (var s = OnnxNodeCasesTest.class.getResourceAsStream("/norm/onnx-node-cases.txt");
             var r = new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8))) {
            String line;
            String name = null, op = null;
            int opset = 0;
            List<Attribute> attrs = null;
            List<String> inputs = null, outputs = null;
            Map<String, Tensor> in = null, out = null;
            while ((line = r.readLine()) != null) {
                String[] p = line.split(" ");
                switch (p[0]) {
                    case "case" -> {
                        name = p[1];
                        attrs = new ArrayList<>();
                        in = new LinkedHashMap<>();
                        out = new LinkedHashMap<>();
                    }
                    case "op" -> {
                        op = p[1];
                        opset = Integer.parseInt(p[2]);
                    }
                    case "attr" -> attrs.add(attribute(p));
                    case "inputs" -> inputs = names(p);
                    case "outputs" -> outputs = names(p);
                    case "in" -> in.put(p[1], tensor(p));
                    case "out" -> out.put(p[1], tensor(p));
                    case "end" -> cases.add(new Case(name, op, opset, attrs, inputs, outputs, in, out));
                    default -> throw new IllegalStateException("bad fixture line: " + line);
                }
            }
        }
        return cases;
    }

    private static List<String> names(String[] p) {
        List<String> l = new ArrayList<>();
        for (int i = 1; i < p.length; i++) l.add(p[i].equals("-") ? "" : p[i]);
        return l;
    }

    private static Attribute attribute(String[] p) {
        String n = p[1];
        return switch (p[2]) {
            case "int" -> Attribute.ofInt(n, Long.parseLong(p[3]));
            case "float" -> Attribute.ofFloat(n, Float.parseFloat(p[3]));
            case "string" -> Attribute.ofString(n, p[3]);
            case "ints" -> Attribute.ofInts(n, Arrays.stream(p, 3, p.length).map(Long::parseLong).toList());
            case "floats" -> Attribute.ofFloats(n, Arrays.stream(p, 3, p.length).map(Float::parseFloat).toList());
            default -> throw new IllegalStateException("attribute kind " + p[2]);
        };
    }

    private static Tensor tensor(String[] p) {
        DType t = Arrays.stream(DType.values()).filter(d -> d.toString().equals(p[2])).findFirst().orElseThrow();
        int[] shape = p[3].equals("-") ? new int[0] : Arrays.stream(p[3].split(",")).mapToInt(Integer::parseInt).toArray();
        double[] v = new double[p.length - 4];
        for (int i = 0; i < v.length; i++) v[i] = Double.parseDouble(p[4 + i]);
        return NormTesting.tensor(t, shape, v);
    }

    @TestFactory
    List<DynamicTest> onnxNodeCases() throws IOException {
        List<Case> cases = load();
        assertThat(cases).hasSizeGreaterThan(300);
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases) tests.add(DynamicTest.dynamicTest(c.name() + " (" + c.op() + "-" + c.opset() + ")", () -> check(c)));
        return tests;
    }

    private static void check(Case c) {
        Node node = new Node("n", c.op(), "", c.inputs(), c.outputs(), new Attributes(toMap(c.attrs())));
        Op op = NormTesting.op(node, c.opset());
        List<Tensor> ins = new ArrayList<>();
        List<Fact> facts = new ArrayList<>();
        for (String n : c.inputs()) {
            Tensor t = n.isEmpty() ? null : c.in().get(n);
            ins.add(t);
            // axes-like int64 inputs are given to infer as constants, data inputs by type and shape only
            facts.add(t == null ? null : t.dtype() == DType.INT64 && !ins.isEmpty() && ins.get(0) != t
                    ? Fact.constant(t) : Fact.of(t.dtype(), t.shape()));
        }
        List<Tensor> got = op.run(ins);
        List<Fact> inferred = op.infer(facts);
        for (int i = 0; i < c.outputs().size(); i++) {
            String n = c.outputs().get(i);
            if (n.isEmpty()) continue;
            Tensor expected = c.out().get(n);
            NormTesting.assertClose(got.get(i), expected, 1e-3, 1e-7, c.name() + " output " + n);
            Fact f = inferred.get(i);
            assertThat(f.dtype()).as("inferred dtype of " + n).isEqualTo(expected.dtype());
            assertThat(f.isStatic()).as("inferred shape of " + n + " is static: " + f).isTrue();
            assertThat(f.staticShape()).as("inferred shape of " + n).isEqualTo(expected.shape());
        }
    }

    private static Map<String, Attribute> toMap(List<Attribute> attrs) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : attrs) m.put(a.name(), a);
        return m;
    }
}
