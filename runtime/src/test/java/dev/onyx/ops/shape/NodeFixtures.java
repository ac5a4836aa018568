package dev.onyx.ops.shape;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads single-node ONNX backend cases converted to text (resources shape/*.txt): node, opset,
 * attributes, input and expected output tensors with exact values (floats as bit patterns).
 */
final class NodeFixtures {
    private NodeFixtures() {}

    record Case(String name, int opset, Node node, Map<Integer, Tensor> inputs, Map<Integer, Tensor> outputs) {
        /** Inputs by index, null for absent ones. */
        List<Tensor> inputList() {
            List<Tensor> l = new ArrayList<>();
            for (int i = 0; i < node.inputs().size(); i++) l.add(inputs.get(i));
            return l;
        }
    }

    static List<Case> load(String op) throws IOException {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = NodeFixtures.class.getResourceAsStream("/shape/" + op + ".txt")) {
            if (in == null) throw new IOException("no fixture for " + op);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            String name = null;
            int opset = 0;
            String opType = null;
            List<String> ins = null, outs = null;
            List<Attribute> attrs = new ArrayList<>();
            Map<Integer, Tensor> inputs = new TreeMap<>(), outputs = new TreeMap<>();
            while ((line = r.readLine()) != null) {
                String[] w = line.split(" ", 2);
                switch (w[0]) {
                    case "case" -> {
                        name = w[1];
                        attrs = new ArrayList<>();
                        inputs = new TreeMap<>();
                        outputs = new TreeMap<>();
                    }
                    case "opset" -> opset = Integer.parseInt(w[1]);
                    case "node" -> {
                        String[] parts = w[1].split(" / ", -1);
                        String[] head = parts[0].split(" ");
                        opType = head[0];
                        ins = new ArrayList<>();
                        for (int i = 1; i < head.length; i++) ins.add(head[i].equals("-") ? "" : head[i]);
                        outs = new ArrayList<>();
                        for (String o : parts[1].trim().split(" ")) if (!o.isEmpty()) outs.add(o.equals("-") ? "" : o);
                    }
                    case "attr" -> attrs.add(attr(w[1]));
                    case "input" -> {
                        String[] p = w[1].split(" ", 2);
                        inputs.put(Integer.parseInt(p[0]), tensor(p[1]));
                    }
                    case "output" -> {
                        String[] p = w[1].split(" ", 2);
                        outputs.put(Integer.parseInt(p[0]), tensor(p[1]));
                    }
                    case "end" -> cases.add(new Case(name, opset,
                            new Node(name, opType, "", ins, outs, Attributes.of(attrs.toArray(new Attribute[0]))),
                            inputs, outputs));
                    default -> throw new IOException("bad fixture line: " + line);
                }
            }
        }
        return cases;
    }

    private static String str(String b64) {
        return new String(Base64.getDecoder().decode(b64.substring(1)), StandardCharsets.UTF_8);
    }

    private static Attribute attr(String s) {
        String[] p = s.split(" ", 3);
        String name = p[0];
        String rest = p.length > 2 ? p[2] : "";
        return switch (p[1]) {
            case "int" -> Attribute.ofInt(name, Long.parseLong(rest));
            case "float" -> Attribute.ofFloat(name, Float.intBitsToFloat(Integer.parseUnsignedInt(rest, 16)));
            case "string" -> Attribute.ofString(name, str(rest));
            case "ints" -> {
                List<Long> l = new ArrayList<>();
                for (String v : rest.trim().split(" ")) if (!v.isEmpty()) l.add(Long.parseLong(v));
                yield Attribute.ofInts(name, l);
            }
            case "floats" -> {
                List<Float> l = new ArrayList<>();
                for (String v : rest.trim().split(" ")) if (!v.isEmpty()) l.add(Float.intBitsToFloat(Integer.parseUnsignedInt(v, 16)));
                yield Attribute.ofFloats(name, l);
            }
            case "tensor" -> Attribute.ofTensor(name, tensor(rest));
            default -> throw new IllegalArgumentException("attribute kind " + p[1]);
        };
    }

    /** "code rank d0 d1 ... | v0 v1 ...". */
    static Tensor tensor(String s) {
        String[] halves = s.split("\\|", 2);
        String[] head = halves[0].trim().split(" ");
        DType dt = DType.fromOnnx(Integer.parseInt(head[0]));
        int rank = Integer.parseInt(head[1]);
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) shape[i] = Integer.parseInt(head[2 + i]);
        String body = halves[1].trim();
        String[] v = body.isEmpty() ? new String[0] : body.split(" ");
        int n = v.length;
        Object data = Tensor.allocate(dt, n);
        for (int i = 0; i < n; i++) {
            switch (dt) {
                case FLOAT -> ((float[]) data)[i] = Float.intBitsToFloat(Integer.parseUnsignedInt(v[i], 16));
                case DOUBLE -> ((double[]) data)[i] = Double.longBitsToDouble(Long.parseUnsignedLong(v[i], 16));
                case INT64 -> ((long[]) data)[i] = Long.parseLong(v[i]);
                case UINT64 -> ((long[]) data)[i] = Long.parseUnsignedLong(v[i]);
                case INT32 -> ((int[]) data)[i] = Integer.parseInt(v[i]);
                case UINT32 -> ((int[]) data)[i] = Integer.parseUnsignedInt(v[i]);
                case INT16, UINT16, FLOAT16, BFLOAT16 -> ((short[]) data)[i] = (short) Integer.parseInt(v[i]);
                case INT8, UINT8 -> ((byte[]) data)[i] = (byte) Integer.parseInt(v[i]);
                case BOOL -> ((boolean[]) data)[i] = v[i].equals("1");
                case STRING -> ((String[]) data)[i] = str(v[i]);
            }
        }
        return Tensor.wrap(dt, shape, data);
    }
}
