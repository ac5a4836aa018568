package dev.onyx.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Operators Onyx implements, by domain, op type and the range of opset versions whose semantics
 * the factory handles. Families register themselves in {@link #standard()}.
 */
public final class OpRegistry {
    /** Default-domain opset versions Onyx accepts in a model. */
    public static final int MIN_OPSET = 1;
    public static final int MAX_OPSET = 28;

    private record Entry(int since, int until, OpFactory factory) {}

    private final Map<String, List<Entry>> entries = new HashMap<>();

    private static final OpRegistry STANDARD = createStandard();

    /** The registry with every operator Onyx ships. */
    public static OpRegistry standard() { return STANDARD; }

    private static OpRegistry createStandard() {
        OpRegistry r = new OpRegistry();
        CoreOps.register(r);
        dev.onyx.ops.elementwise.ElementwiseOps.register(r);
        dev.onyx.ops.shape.ShapeOps.register(r);
        dev.onyx.ops.nn.NnOps.register(r);
        dev.onyx.ops.linalg.LinalgOps.register(r);
        dev.onyx.ops.norm.NormOps.register(r);
        dev.onyx.ops.fused.FusedOps.register(r);
        dev.onyx.ops.misc.MiscOps.register(r);
        dev.onyx.ops.seq.SeqOps.register(r);
        dev.onyx.ops.control.ControlOps.register(r);
        dev.onyx.ops.image.ImageOps.register(r);
        dev.onyx.ops.quant.QuantOps.register(r);
        dev.onyx.ops.extra.ExtraOps.register(r);
        return r;
    }

    private static String key(String domain, String opType) {
        return dev.onyx.ir.Node.normalizeDomain(domain) + "::" + opType;
    }

    /** Registers a default-domain op for opset versions since..until (inclusive). */
    public OpRegistry register(String opType, int since, int until, OpFactory factory) {
        return register("", opType, since, until, factory);
    }

    /** Registers a default-domain op for every opset version Onyx accepts. */
    public OpRegistry register(String opType, OpFactory factory) {
        return register("", opType, MIN_OPSET, MAX_OPSET, factory);
    }

    public OpRegistry register(String domain, String opType, int since, int until, OpFactory factory) {
        entries.computeIfAbsent(key(domain, opType), k -> new ArrayList<>()).add(new Entry(since, until, factory));
        return this;
    }

    /** The factory for this op at this opset version, or null. */
    public OpFactory find(String domain, String opType, int opset) {
        List<Entry> l = entries.get(key(domain, opType));
        if (l == null) return null;
        for (Entry e : l) {
            if (opset >= e.since && opset <= e.until) return e.factory;
        }
        return null;
    }

    /** True when some opset version of this op is implemented. */
    public boolean knows(String domain, String opType) {
        return entries.containsKey(key(domain, opType));
    }

    /** Sorted "domain::Op" names, default domain without prefix. */
    public List<String> supportedOps() {
        TreeSet<String> s = new TreeSet<>();
        for (String k : entries.keySet()) s.add(k.startsWith("::") ? k.substring(2) : k);
        return List.copyOf(s);
    }
}
