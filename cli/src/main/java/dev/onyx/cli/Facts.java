package dev.onyx.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onyx.ir.Dim;
import dev.onyx.ir.Fact;
import dev.onyx.ir.ValueInfo;

/** Value descriptions as text and JSON: dtype plus shape, symbolic dims by name. */
final class Facts {
    private Facts() {}

    /** JSON: {"name", "dtype" (null when unknown), "shape": [3, "batch", null] or null when the rank is unknown}. */
    static ObjectNode json(ValueInfo v) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("name", v.name());
        putFact(o, v.fact());
        return o;
    }

    static void putFact(ObjectNode o, Fact f) {
        if (f.dtype() == null) o.putNull("dtype");
        else o.put("dtype", f.dtype().toString());
        if (f.dims() == null) {
            o.putNull("shape");
        } else {
            ArrayNode a = o.putArray("shape");
            for (Dim d : f.dims()) {
                if (d.isKnown()) a.add(d.value());
                else if (d.isSymbolic()) a.add(d.symbol());
                else a.addNull();
            }
        }
    }

    /** e.g. {@code float32 [batch,3,224,224]}; "?" for unknown parts. */
    static String text(Fact f) { return f.describe(); }
}
