package dev.onyx.ops;

/** Registers the structural operators: Constant and Identity. */
public final class CoreOps {
    private CoreOps() {}

    public static void register(OpRegistry r) {
        r.register("Constant", Constant::create);
        r.register("Identity", ctx -> {
            ctx.expectInputs(1, 1);
            return new Identity();
        });
    }
}
