package dev.onyx;

/**
 * Settings of a session. Immutable; start from {@link #defaults()} and change with the with-methods.
 *
 * @param optimizationLevel    which graph rewrites run when the session is created
 * @param threads              intra-op threads (default: available processors)
 * @param maxNodes             refuse graphs with more nodes than this, subgraphs included (default 1,000,000)
 * @param maxTensorBytes       refuse any single tensor (initializer, constant or folded value) larger than this
 *                             (default 4 GiB); checked against the declared dims before anything is allocated
 * @param maxNestingDepth      refuse subgraphs (If/Loop/Scan bodies) nested deeper than this (default 32); the
 *                             protobuf message nesting is limited to {@code 4 * maxNestingDepth + 16}
 * @param foldLimitElements    constant inputs up to this many elements are folded at load time
 * @param maxIntermediateBytes the most memory one run may hold in intermediate values at once (default 4 GiB):
 *                             checked at load time where shapes are static and during each run
 * @param profiling            time every node of every run (read with {@link Session#profile()}); off by default
 * @param bufferPoolBytes      the most bytes of recycled intermediate arrays the session keeps between runs
 *                             (default 256 MiB); 0 turns the buffer pool off, so that every op allocates its output
 */
public record SessionOptions(OptimizationLevel optimizationLevel, int threads, int maxNodes,
                             long maxTensorBytes, int maxNestingDepth, int foldLimitElements,
                             long maxIntermediateBytes, boolean profiling, long bufferPoolBytes) {

    public enum OptimizationLevel { NONE, BASIC, ALL }

    public SessionOptions {
        if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        if (maxNodes < 1) throw new IllegalArgumentException("maxNodes must be >= 1, got " + maxNodes);
        if (maxTensorBytes < 1) throw new IllegalArgumentException("maxTensorBytes must be >= 1, got " + maxTensorBytes);
        if (maxNestingDepth < 0) throw new IllegalArgumentException("maxNestingDepth must be >= 0, got " + maxNestingDepth);
        if (maxIntermediateBytes < 1) {
            throw new IllegalArgumentException("maxIntermediateBytes must be >= 1, got " + maxIntermediateBytes);
        }
        if (bufferPoolBytes < 0) throw new IllegalArgumentException("bufferPoolBytes must be >= 0, got " + bufferPoolBytes);
    }

    public static SessionOptions defaults() {
        return new SessionOptions(OptimizationLevel.ALL, Runtime.getRuntime().availableProcessors(),
                1_000_000, 4L << 30, 32, 1 << 16, 4L << 30, false, 256L << 20);
    }

    public SessionOptions withOptimizationLevel(OptimizationLevel level) {
        return new SessionOptions(level, threads, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withThreads(int n) {
        return new SessionOptions(optimizationLevel, n, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withMaxNodes(int n) {
        return new SessionOptions(optimizationLevel, threads, n, maxTensorBytes, maxNestingDepth, foldLimitElements, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withMaxTensorBytes(long n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, n, maxNestingDepth, foldLimitElements, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withMaxNestingDepth(int n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, n, foldLimitElements, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withFoldLimitElements(int n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, maxNestingDepth, n, maxIntermediateBytes, profiling, bufferPoolBytes);
    }

    public SessionOptions withMaxIntermediateBytes(long n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements, n, profiling, bufferPoolBytes);
    }

    public SessionOptions withProfiling(boolean on) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements,
                maxIntermediateBytes, on, bufferPoolBytes);
    }

    /** The most bytes of recycled arrays kept between runs; 0 turns the buffer pool off. */
    public SessionOptions withBufferPoolBytes(long n) {
        return new SessionOptions(optimizationLevel, threads, maxNodes, maxTensorBytes, maxNestingDepth, foldLimitElements,
                maxIntermediateBytes, profiling, n);
    }
}
