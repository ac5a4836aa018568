package dev.onyx.ops.elementwise;

import dev.onyx.InvalidModelException;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.tensor.DType;

import java.util.ArrayList;
import java.util.List;

/** Shape inference helpers for elementwise ops: numpy broadcasting over possibly symbolic dims. */
final class Facts {
    private Facts() {}

    /** Broadcast dims of the given facts (nulls skipped); null when some rank is unknown. */
    static List<Dim> broadcast(List<Fact> facts) {
        List<Dim> out = List.of();
        for (Fact f : facts) {
            if (f == null) continue;
            if (f.dims() == null) return null;
            out = broadcast(out, f.dims());
        }
        return out;
    }

    static List<Dim> broadcast(List<Dim> a, List<Dim> b) {
        int rank = Math.max(a.size(), b.size());
        List<Dim> out = new ArrayList<>(rank);
        for (int i = 0; i < rank; i++) {
            Dim x = i < rank - a.size() ? Dim.of(1) : a.get(i - (rank - a.size()));
            Dim y = i < rank - b.size() ? Dim.of(1) : b.get(i - (rank - b.size()));
            out.add(dim(x, y, a, b));
        }
        return out;
    }

    private static Dim dim(Dim x, Dim y, List<Dim> a, List<Dim> b) {
        if (x.isKnown() && y.isKnown()) {
            if (x.value() == y.value() || y.value() == 1) return x;
            if (x.value() == 1) return y;
            throw new InvalidModelException("shapes " + a + " and " + b + " do not broadcast");
        }
        if (x.isKnown()) return x.value() == 1 ? y : x;
        if (y.isKnown()) return y.value() == 1 ? x : y;
        if (x.isSymbolic() && x.equals(y)) return x;
        return Dim.UNKNOWN;
    }

    /** The dtype of the first non-null fact that knows it. */
    static DType dtype(List<Fact> facts) {
        for (Fact f : facts) if (f != null && f.dtype() != null) return f.dtype();
        return null;
    }

    /** A fact of the given type with the broadcast shape of the inputs. */
    static List<Fact> broadcastFact(DType dtype, List<Fact> inputs) {
        return List.of(Fact.of(dtype, broadcast(inputs)));
    }

    /** The same type and shape as input 0 (or the given type). */
    static List<Fact> like(Fact in, DType dtype) {
        return List.of(new Fact(dtype, in == null ? null : in.dims(), null));
    }
}
