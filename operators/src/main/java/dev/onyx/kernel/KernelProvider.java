package dev.onyx.kernel;

import java.lang.reflect.InvocationTargetException;

/**
 * Decides once, at class initialization, whether the {@code jdk.incubator.vector} kernels can run,
 * logs one line saying which path is used, and loads kernel implementations accordingly.
 *
 * <p>The vector path is used when the module {@code jdk.incubator.vector} is in the boot layer (the JVM
 * was started with {@code --add-modules jdk.incubator.vector}) and the system property
 * {@code onyx.vector} is not {@code "false"}. Classes of {@code dev.onyx.kernel.vector} are only ever
 * loaded by reflection from here, so the scalar kernels work on a JVM without the module.
 */
public final class KernelProvider {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The single-precision GEMM contract shared by the vector and scalar implementations. */
    public interface GemmKernel {
        /** Same contract as {@link Sgemm#sgemm}. */
        void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                   float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                   float beta, float[] c, int cOff, int ldc);

        /** A short description for logs, e.g. "Vector API, 512-bit". */
        String describe();

        /**
         * op(B) (k x n) in this kernel's packed layout for {@link #sgemmPacked}, or null when the kernel has none
         * (then sgemmPacked multiplies by B as stored). See {@link Sgemm#pack}.
         */
        default Object pack(boolean transB, int k, int n, float[] b, int bOff, int ldb) { return null; }

        /** Column bands of a packed op(B) must start at multiples of this. */
        default int packedColumnUnit() { return 1; }

        /**
         * {@link #sgemm} with op(B) given both as packed by {@link #pack} (packedColumns columns in all) and as
         * stored (the whole matrix at b, bOff, ldb, transB); this call uses columns col0..col0+n of op(B) and gives
         * the same bits as {@link #sgemm} on those columns as stored.
         */
        default void sgemmPacked(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                 Object packed, int packedColumns, int col0,
                                 boolean transB, float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc) {
            sgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff + (transB ? col0 * ldb : col0), ldb,
                    beta, c, cOff, ldc);
        }
    }

    /**
     * Convolution as GEMM on pre-packed weights ({@link ConvWeights}) and image panels ({@link ConvPanels}):
     * only the vector path has one; the scalar path runs im2col and {@link Sgemm}.
     */
    public interface ConvGemmKernel {
        /** Rows per weight sliver: weights must be packed with this height. */
        int mr();

        /** Bands of output channels must start at multiples of this (a multiple of {@link #mr}). */
        int bandUnit();

        /**
         * y[yOff + r * ldy + j] = bias[biasOff + m0 + r] (0 without bias) + sum over the reduction of
         * weight row (m0 + r) of group gi times panel column (first + j), for r in [0, rows), j in [0, count).
         */
        void tile(ConvWeights w, int gi, int m0, int rows, float[] bias, int biasOff,
                  ConvPanels panels, int first, int count, float[] y, int yOff, int ldy);

        /** Floats {@link #packPanel} writes for all reduction rows of {@code count} columns. */
        int panelSize(int depth, int count);

        /**
         * Packs reduction rows [pc, pc + kc) (pc a multiple of {@link ConvPanels#blockRows}) of columns
         * [first, first + count) into {@code dst}, a panel of {@link #panelSize} floats from {@code dstOff},
         * where {@link #tilePacked} finds them; several threads may pack disjoint row blocks of one panel.
         */
        void packPanel(ConvPanels panels, int pc, int kc, int first, int count, float[] dst, int dstOff);

        /** As {@link #tile}, on a panel already packed whole by {@link #packPanel}: the same bits. */
        void tilePacked(ConvWeights w, int gi, int m0, int rows, float[] bias, int biasOff,
                        float[] panel, int panelOff, int blockRows, int count, float[] y, int yOff, int ldy);
    }

    private static final boolean VECTOR;
    private static final ConvGemmKernel CONV_GEMM;
    private static final GemmKernel GEMM;
    private static final DepthwiseFloat.Kernel DEPTHWISE;
    private static final PoolFloat.MaxKernel MAX_POOL;
    private static final Winograd.Transforms WINOGRAD;
    private static final DirectConv.Kernel DIRECT_CONV;
    private static final String DESCRIPTION;

    static {
        String reason = null;
        GemmKernel gemm = null;
        DepthwiseFloat.Kernel depthwise = null;
        ConvGemmKernel convGemm = null;
        PoolFloat.MaxKernel maxPool = null;
        Winograd.Transforms winograd = null;
        DirectConv.Kernel directConv = null;
        if ("false".equalsIgnoreCase(System.getProperty("onyx.vector"))) {
            reason = "disabled by -Donyx.vector=false";
        } else if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            reason = "module " + VECTOR_MODULE + " not present (start the JVM with --add-modules "
                    + VECTOR_MODULE + ")";
        } else {
            try {
                gemm = instantiate("dev.onyx.kernel.vector.VectorSgemm", GemmKernel.class);
                depthwise = instantiate("dev.onyx.kernel.vector.VectorDepthwise", DepthwiseFloat.Kernel.class);
                convGemm = instantiate("dev.onyx.kernel.vector.VectorConvGemm", ConvGemmKernel.class);
                maxPool = instantiate("dev.onyx.kernel.vector.VectorPool", PoolFloat.MaxKernel.class);
                winograd = instantiate("dev.onyx.kernel.vector.VectorWinograd", Winograd.Transforms.class);
                directConv = instantiate("dev.onyx.kernel.vector.VectorDirectConv", DirectConv.Kernel.class);
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                reason = "vector kernels failed to load: " + e;
                gemm = null;
                depthwise = null;
                convGemm = null;
                maxPool = null;
                winograd = null;
                directConv = null;
            }
        }
        VECTOR = gemm != null;
        GEMM = gemm != null ? gemm : ScalarGemm.INSTANCE;
        DEPTHWISE = gemm != null ? depthwise : DepthwiseFloat.SCALAR;
        CONV_GEMM = gemm != null ? convGemm : null;
        MAX_POOL = gemm != null ? maxPool : PoolFloat.SCALAR_MAX;
        WINOGRAD = gemm != null && !"false".equalsIgnoreCase(System.getProperty("onyx.winograd")) ? winograd : null;
        DIRECT_CONV = gemm != null && !"false".equalsIgnoreCase(System.getProperty("onyx.directconv")) ? directConv : null;
        DESCRIPTION = VECTOR ? "vector kernels (" + gemm.describe() + ")" : "scalar kernels (" + reason + ")";
        System.getLogger("dev.onyx.kernel").log(System.Logger.Level.INFO, "Onyx uses " + DESCRIPTION);
    }

    private KernelProvider() {}

    private static <T> T instantiate(String className, Class<T> type) throws ReflectiveOperationException {
        Class<?> cls = Class.forName(className, true, KernelProvider.class.getClassLoader());
        try {
            return type.cast(cls.getDeclaredConstructor().newInstance());
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error err) throw err;
            throw e;
        }
    }

    /** True when the Vector API kernels are in use. */
    public static boolean vectorEnabled() { return VECTOR; }

    /** Which kernels run and why, as logged at startup. */
    public static String description() { return DESCRIPTION; }

    /** The GEMM implementation in use. */
    public static GemmKernel gemm() { return GEMM; }

    /** The depthwise convolution plane kernel in use. */
    public static DepthwiseFloat.Kernel depthwise() { return DEPTHWISE; }

    /** The convolution GEMM kernel on packed weights, or null on the scalar path. */
    public static ConvGemmKernel convGemm() { return CONV_GEMM; }
    /**
     * The Winograd tile transforms, or null on the scalar path or with {@code -Donyx.winograd=false} (3x3
     * convolutions then run as im2col + GEMM).
     */
    public static Winograd.Transforms winograd() { return WINOGRAD; }

    /**
     * The direct convolution kernel for few input channels, or null on the scalar path or with
     * {@code -Donyx.directconv=false} (those convolutions then run as im2col + GEMM).
     */
    public static DirectConv.Kernel directConv() { return DIRECT_CONV; }

    /** The max-pooling row primitives in use. */
    public static PoolFloat.MaxKernel maxPool() { return MAX_POOL; }

    /** The scalar GEMM, whatever the vector availability (for tests and comparisons). */
    public static GemmKernel scalarGemm() { return ScalarGemm.INSTANCE; }

    private static final class ScalarGemm implements GemmKernel {
        static final ScalarGemm INSTANCE = new ScalarGemm();

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                          float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                          float beta, float[] c, int cOff, int ldc) {
            Sgemm.scalar(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        }

        @Override
        public String describe() { return "scalar"; }
    }
}
