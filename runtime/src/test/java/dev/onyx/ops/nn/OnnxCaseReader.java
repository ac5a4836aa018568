package dev.onyx.ops.nn;

import dev.onyx.ir.Attribute;
import dev.onyx.ir.Attributes;
import dev.onyx.ir.Node;
import dev.onyx.tensor.DType;
import dev.onyx.tensor.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Test-only reader of ONNX backend-test cases (model.onnx + test_data_set_0/*.pb): decodes just the
 * protobuf fields needed for single-node models (node, attributes, opset) and dense tensors.
 */
final class OnnxCaseReader {
    /** A single-node case: the node, its default-domain opset, input and expected output tensors. */
    record Case(String name, Node node, int opset, List<Tensor> inputs, List<Tensor> outputs) {}

    private OnnxCaseReader() {}

    /** Reads a case directory; null when the model has other than exactly one node. */
    static Case read(Path dir) throws IOException {
        Wire model = new Wire(Files.readAllBytes(dir.resolve("model.onnx")));
        int opset = 1;
        byte[] graph = null;
        while (model.more()) {
            int tag = model.tag();
            if (tag >>> 3 == 7) graph = model.bytes();
            else if (tag >>> 3 == 8) {
                Wire op = new Wire(model.bytes());
                String domain = "";
                long version = 0;
                while (op.more()) {
                    int t = op.tag();
                    if (t >>> 3 == 1) domain = op.string();
                    else if (t >>> 3 == 2) version = op.varint();
                    else op.skip(t);
                }
                if (domain.isEmpty() || domain.equals("ai.onnx")) opset = (int) version;
            } else model.skip(tag);
        }
        List<byte[]> nodes = new ArrayList<>();
        Wire g = new Wire(graph);
        while (g.more()) {
            int tag = g.tag();
            if (tag >>> 3 == 1) nodes.add(g.bytes());
            else g.skip(tag);
        }
        if (nodes.size() != 1) return null;
        Node node = node(nodes.get(0));
        Path data = dir.resolve("test_data_set_0");
        List<Tensor> ins = new ArrayList<>();
        List<Tensor> outs = new ArrayList<>();
        for (int i = 0; Files.exists(data.resolve("input_" + i + ".pb")); i++) ins.add(tensor(data.resolve("input_" + i + ".pb")));
        for (int i = 0; Files.exists(data.resolve("output_" + i + ".pb")); i++) outs.add(tensor(data.resolve("output_" + i + ".pb")));
        return new Case(dir.getFileName().toString(), node, opset, ins, outs);
    }

    private static Node node(byte[] b) {
        Wire w = new Wire(b);
        List<String> ins = new ArrayList<>(), outs = new ArrayList<>();
        String name = "", op = "", domain = "";
        Map<String, Attribute> attrs = new LinkedHashMap<>();
        while (w.more()) {
            int tag = w.tag();
            switch (tag >>> 3) {
                case 1 -> ins.add(w.string());
                case 2 -> outs.add(w.string());
                case 3 -> name = w.string();
                case 4 -> op = w.string();
                case 5 -> {
                    Attribute a = attribute(w.bytes());
                    attrs.put(a.name(), a);
                }
                case 7 -> domain = w.string();
                default -> w.skip(tag);
            }
        }
        return new Node(name, op, domain, ins, outs, new Attributes(attrs));
    }

    private static Attribute attribute(byte[] b) {
        Wire w = new Wire(b);
        String name = null, s = null;
        Float f = null;
        Long i = null;
        int type = 0;
        List<Float> floats = new ArrayList<>();
        List<Long> ints = new ArrayList<>();
        while (w.more()) {
            int tag = w.tag();
            switch (tag >>> 3) {
                case 1 -> name = w.string();
                case 2 -> f = Float.intBitsToFloat(w.fixed32());
                case 3 -> i = w.varint();
                case 4 -> s = w.string();
                case 7 -> {
                    if ((tag & 7) == 2) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) floats.add(Float.intBitsToFloat(p.fixed32()));
                    } else floats.add(Float.intBitsToFloat(w.fixed32()));
                }
                case 8 -> {
                    if ((tag & 7) == 2) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) ints.add(p.varint());
                    } else ints.add(w.varint());
                }
                case 20 -> type = (int) w.varint();
                default -> w.skip(tag);
            }
        }
        return switch (type) {
            case 1 -> Attribute.ofFloat(name, f == null ? 0f : f);
            case 2 -> Attribute.ofInt(name, i == null ? 0 : i);
            case 3 -> Attribute.ofString(name, s == null ? "" : s);
            case 6 -> Attribute.ofFloats(name, floats);
            case 7 -> Attribute.ofInts(name, ints);
            default -> throw new IllegalArgumentException("attribute " + name + ": type " + type + " not handled");
        };
    }

    /** Decodes a dense TensorProto file (raw_data or the typed repeated fields). */
    static Tensor tensor(Path file) throws IOException {
        Wire w = new Wire(Files.readAllBytes(file));
        List<Long> dims = new ArrayList<>();
        int type = 0;
        byte[] raw = null;
        List<Long> ints = new ArrayList<>();
        List<Double> reals = new ArrayList<>();
        while (w.more()) {
            int tag = w.tag();
            int field = tag >>> 3;
            boolean packed = (tag & 7) == 2;
            switch (field) {
                case 1 -> {
                    if (packed) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) dims.add(p.varint());
                    } else dims.add(w.varint());
                }
                case 2 -> type = (int) w.varint();
                case 4 -> {
                    if (packed) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) reals.add((double) Float.intBitsToFloat(p.fixed32()));
                    } else reals.add((double) Float.intBitsToFloat(w.fixed32()));
                }
                case 5, 7 -> {
                    if (packed) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) ints.add(p.varint());
                    } else ints.add(w.varint());
                }
                case 10 -> {
                    if (packed) {
                        Wire p = new Wire(w.bytes());
                        while (p.more()) reals.add(Double.longBitsToDouble(p.fixed64()));
                    } else reals.add(Double.longBitsToDouble(w.fixed64()));
                }
                case 9 -> raw = w.bytes();
                default -> w.skip(tag);
            }
        }
        int[] shape = dims.stream().mapToInt(Long::intValue).toArray();
        DType dt = DType.fromOnnx(type);
        int n = 1;
        for (int d : shape) n *= d;
        if (raw != null) {
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            Object data = Tensor.allocate(dt, n);
            switch (dt) {
                case FLOAT -> bb.asFloatBuffer().get((float[]) data);
                case DOUBLE -> bb.asDoubleBuffer().get((double[]) data);
                case INT64, UINT64 -> bb.asLongBuffer().get((long[]) data);
                case INT32, UINT32 -> bb.asIntBuffer().get((int[]) data);
                case INT16, UINT16, FLOAT16, BFLOAT16 -> bb.asShortBuffer().get((short[]) data);
                case INT8, UINT8 -> bb.get((byte[]) data);
                default -> throw new IllegalArgumentException("raw " + dt + " not handled");
            }
            return Tensor.wrap(dt, shape, data);
        }
        double[] v = new double[n];
        for (int k = 0; k < n; k++) v[k] = reals.isEmpty() ? ints.get(k) : reals.get(k);
        return Tensor.fromDoubles(dt, shape, v);
    }

    /** Minimal protobuf wire-format cursor. */
    private static final class Wire {
        private final byte[] b;
        private int pos;

        Wire(byte[] b) { this.b = b; }

        boolean more() { return pos < b.length; }

        int tag() { return (int) varint(); }

        long varint() {
            long r = 0;
            for (int shift = 0; ; shift += 7) {
                byte x = b[pos++];
                r |= (long) (x & 0x7f) << shift;
                if (x >= 0) return r;
            }
        }

        int fixed32() {
            int r = ByteBuffer.wrap(b, pos, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            pos += 4;
            return r;
        }

        long fixed64() {
            long r = ByteBuffer.wrap(b, pos, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            pos += 8;
            return r;
        }

        byte[] bytes() {
            int len = (int) varint();
            byte[] r = java.util.Arrays.copyOfRange(b, pos, pos + len);
            pos += len;
            return r;
        }

        String string() { return new String(bytes(), StandardCharsets.UTF_8); }

        void skip(int tag) {
            switch (tag & 7) {
                case 0 -> varint();
                case 1 -> pos += 8;
                case 2 -> {
                    int len = (int) varint();
                    pos += len;
                }
                case 5 -> pos += 4;
                default -> throw new IllegalArgumentException("wire type " + (tag & 7));
            }
        }
    }
}
