package dev.onyx;

/**
 * Settings of a session. Immutable; start from {@link #defaults()} and change with the with-methods.
 *
 * @param optimizationLevel which graph rewrites run when the session is created
 * @param threads           intra-op threads (default: available processors)
 * @param maxNodes          refuse graphs with more nodes than this (including subgraphs)
 * @param maxTensorBytes    refuse any single tensor (initializer, input or intermediate) larger than this
 * @param maxNestingDepth   refuse subgraphs nested deeper than this
 * @param foldLimitElements constant inputs up to this many elements are folded at load time
 */
public record SessionOptions(OptimizationLevel optimizationLevel, int threads, int maxNodes,
                             long maxTensorBytes, int maxNestingDepth, int foldLimitElements) {

    public enum OptimizationLevel { NONE, BASIC, ALL }

    public SessionOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1, got " + maxNodes);
        if (maxTensorBytes < 1) throw new IllegalArgumentException("maxTensorBytes must be >= 1, got " + maxTensorBytes);
        if (maxNestingDepth < 0) throw new IllegalArgumentException("maxNestingDepth must be >= 0, got " + maxNestingDepth);
    }

    public static SessionOptions defaults() {
        return new SessionOptions(OptimizationLevel.ALL, Runtime.getRuntime().availableProcessors(),
                1_000_000, 4L << 30, 32, 1 << 16);
    }

    public SessionOptions withOptimizationLevel(OptimizationLevel level) {
        return new SessionOptions(level, threads, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements);
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(optimizationLevel, n, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements);
    }

    public SessionOptions withMaxNodes(int n) {
        return new SessionOptions(optimizationLevel, threads, n, maxTensorBytes, maxNestingDepth, foldLimitElements);
    }

    public SessionOptions withMaxTensorBytes(long n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, n, maxNestingDepth, foldLimitElements);
    }

    public SessionOptions withMaxNestingDepth(int n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, n, foldLimitElements);
    }
}
