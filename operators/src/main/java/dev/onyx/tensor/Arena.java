package dev.onyx.tensor;

import java.util.Arrays;

/**
 * Storage arrays recycled between the ops of one run, and kept for the next runs: a pool of primitive
 * arrays by element type and exact length, plus the arrays it handed out during the current run.
 *
 * <p>Ops take their output storage through {@link Buffers}, which asks the arena made current on the
 * running thread ({@link #swapCurrent}) or allocates when there is none. The executor counts, for each
 * array the arena handed out, how many live values reference it ({@link #retain}, {@link #release});
 * an array whose count drops to zero goes back to the pool. Arrays the arena did not hand out in the
 * current run (weights, the caller's inputs, outputs of earlier runs) are never touched.
 * {@link #endRun} forgets every array still handed out (the run's outputs belong to the caller) and
 * keeps in the pool only what the run needed at once, so a run over other shapes does not make it grow.
 *
 * <p>An arena is used by one thread at a time (the thread running the session's ops); it is not
 * thread-safe. Pooled arrays have arbitrary contents.
 */
public final class Arena {
    private static final ThreadLocal<Arena> CURRENT = new ThreadLocal<>();

    static final int FLOAT = 0, DOUBLE = 1, LONG = 2, INT = 3, SHORT = 4, BYTE = 5, BOOL = 6;
    private static final int[] ELEMENT_BYTES = {4, 8, 8, 4, 2, 1, 1};

    /** Buckets: element kind and exact length, free arrays, arrays handed out now and at most this run. */
    private int buckets;
    private int[] kinds = new int[16];
    private int[] lengths = new int[16];
    private Object[][] free = new Object[16][];
    private int[] freeCount = new int[16];
    private int[] out = new int[16];
    private int[] highWater = new int[16];

    /** Identity hash map (linear probing, tombstones) of the arrays handed out this run, to reference counts. */
    private static final Object TOMBSTONE = new Object();
    private Object[] keys = new Object[256];
    private int[] counts = new int[256];
    private int[] bucketOf = new int[256];
    private int occupied;
    private Object[] spareKeys;
    private int[] spareCounts, spareBuckets;

    private long pooledBytes;
    private final boolean poison;

    /** An empty arena. */
    public Arena() { this(false); }

    /**
     * An empty arena; with {@code poison}, every array it hands out is first filled with garbage (NaN for
     * floating types), so that tests catch an op that does not write all of its output.
     */
    public Arena(boolean poison) { this.poison = poison; }

    /** The arena of the op running on this thread, or null (outside of a session run, or pooling off). */
    public static Arena current() { return CURRENT.get(); }

    /** Makes {@code arena} (possibly null) current on this thread and returns the one it replaces. */
    public static Arena swapCurrent(Arena arena) {
        Arena previous = CURRENT.get();
        CURRENT.set(arena);
        return previous;
    }

    /** Bytes of the arrays waiting in the pool. */
    public long pooledBytes() { return pooledBytes; }

    // ---- taking

    float[] floats(int n) { return (float[]) take(FLOAT, n); }
    double[] doubles(int n) { return (double[]) take(DOUBLE, n); }
    long[] longs(int n) { return (long[]) take(LONG, n); }
    int[] ints(int n) { return (int[]) take(INT, n); }
    short[] shorts(int n) { return (short[]) take(SHORT, n); }
    byte[] bytes(int n) { return (byte[]) take(BYTE, n); }
    boolean[] booleans(int n) { return (boolean[]) take(BOOL, n); }

    Object take(int kind, int n) {
        if (n < 0) throw new NegativeArraySizeException(Integer.toString(n));
        if (n == 0) return newArray(kind, 0);
        int b = bucket(kind, n);
        Object a;
        if (freeCount[b] > 0) {
            a = free[b][--freeCount[b]];
            free[b][freeCount[b]] = null;
            pooledBytes -= bucketBytes(b);
        } else {
            a = newArray(kind, n);
        }
        if (++out[b] > highWater[b]) highWater[b] = out[b];
        put(a, b);
        if (poison) poison(a);
        return a;
    }

    private static void poison(Object a) {
        switch (a) {
            case float[] f -> Arrays.fill(f, Float.intBitsToFloat(0x7fc0dead));
            case double[] d -> Arrays.fill(d, Double.longBitsToDouble(0x7ff8_0000_dead_beefL));
            case long[] l -> Arrays.fill(l, 0x5a5a_5a5a_5a5a_5a5aL);
            case int[] i -> Arrays.fill(i, 0x5a5a_5a5a);
            case short[] s -> Arrays.fill(s, (short) 0x5a5a);
            case byte[] b -> Arrays.fill(b, (byte) 0x5a);
            case boolean[] z -> Arrays.fill(z, true);
            default -> throw new IllegalStateException(a.getClass().toString());
        }
    }

    private static Object newArray(int kind, int n) {
        return switch (kind) {
            case FLOAT -> new float[n];
            case DOUBLE -> new double[n];
            case LONG -> new long[n];
            case INT -> new int[n];
            case SHORT -> new short[n];
            case BYTE -> new byte[n];
            default -> new boolean[n];
        };
    }

    private long bucketBytes(int b) { return (long) lengths[b] * ELEMENT_BYTES[kinds[b]]; }

    private int bucket(int kind, int n) {
        for (int b = 0; b < buckets; b++) if (lengths[b] == n && kinds[b] == kind) return b;
        if (buckets == kinds.length) {
            int cap = buckets * 2;
            kinds = Arrays.copyOf(kinds, cap);
            lengths = Arrays.copyOf(lengths, cap);
            free = Arrays.copyOf(free, cap);
            freeCount = Arrays.copyOf(freeCount, cap);
            out = Arrays.copyOf(out, cap);
            highWater = Arrays.copyOf(highWater, cap);
        }
        int b = buckets++;
        kinds[b] = kind;
        lengths[b] = n;
        free[b] = new Object[4];
        freeCount[b] = 0;
        out[b] = 0;
        highWater[b] = 0;
        return b;
    }

    // ---- reference counts

    /** True when the array was handed out by this arena during the current run and not given back. */
    public boolean owns(Object array) { return find(array) >= 0; }

    /** A live value now references the array (ignored for arrays this arena did not hand out this run). */
    public void retain(Object array) {
        int i = find(array);
        if (i >= 0) counts[i]++;
    }

    /**
     * A live value stopped referencing the array; when it was the last one, the array goes back to the
     * pool (ignored for arrays this arena did not hand out this run).
     */
    public void release(Object array) {
        int i = find(array);
        if (i < 0) return;
        if (--counts[i] > 0) return;
        int b = bucketOf[i];
        keys[i] = TOMBSTONE;
        out[b]--;
        if (freeCount[b] == free[b].length) free[b] = Arrays.copyOf(free[b], free[b].length * 2);
        free[b][freeCount[b]++] = array;
        pooledBytes += bucketBytes(b);
    }

    /**
     * Ends a run: forgets the arrays still handed out (they now belong to whoever holds them, such as
     * the caller) and keeps in each bucket at most as many arrays as the run held at once.
     */
    public void endRun() {
        if (occupied > 0) {
            Arrays.fill(keys, null);
            occupied = 0;
        }
        int kept = 0;
        for (int b = 0; b < buckets; b++) {
            int keep = Math.min(freeCount[b], highWater[b]);
            for (int j = keep; j < freeCount[b]; j++) {
                free[b][j] = null;
                pooledBytes -= bucketBytes(b);
            }
            freeCount[b] = keep;
            if (keep == 0) continue;
            kinds[kept] = kinds[b];
            lengths[kept] = lengths[b];
            free[kept] = free[b];
            freeCount[kept] = keep;
            out[kept] = 0;
            highWater[kept] = 0;
            kept++;
        }
        for (int b = kept; b < buckets; b++) free[b] = null;
        buckets = kept;
    }

    private static int hash(Object a, int mask) {
        int h = System.identityHashCode(a);
        return (h ^ (h >>> 16)) * 0x9E3779B1 >>> 7 & mask;
    }

    private int find(Object a) {
        if (a == null || occupied == 0) return -1;
        int mask = keys.length - 1;
        for (int i = hash(a, mask); ; i = (i + 1) & mask) {
            Object k = keys[i];
            if (k == a) return i;
            if (k == null) return -1;
        }
    }

    private void put(Object a, int bucket) {
        if ((occupied + 1) * 2 > keys.length) rehash();
        int mask = keys.length - 1;
        int i = hash(a, mask);
        while (keys[i] != null) i = (i + 1) & mask;
        keys[i] = a;
        counts[i] = 0;
        bucketOf[i] = bucket;
        occupied++;
    }

    /**
     * Drops tombstones, doubling the table when live entries fill a quarter of it; at the same size the
     * entries move to a spare table kept for that, so that steady runs allocate nothing here.
     */
    private void rehash() {
        Object[] oldKeys = keys;
        int[] oldCounts = counts, oldBuckets = bucketOf;
        int live = 0;
        for (Object k : oldKeys) if (k != null && k != TOMBSTONE) live++;
        int cap = oldKeys.length;
        while ((live + 1) * 4 > cap) cap *= 2;
        if (cap == oldKeys.length && spareKeys != null && spareKeys.length == cap) {
            keys = spareKeys;
            counts = spareCounts;
            bucketOf = spareBuckets;
        } else {
            keys = new Object[cap];
            counts = new int[cap];
            bucketOf = new int[cap];
        }
        occupied = 0;
        int mask = cap - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            Object k = oldKeys[j];
            if (k == null || k == TOMBSTONE) continue;
            int i = hash(k, mask);
            while (keys[i] != null) i = (i + 1) & mask;
            keys[i] = k;
            counts[i] = oldCounts[j];
            bucketOf[i] = oldBuckets[j];
            occupied++;
        }
        Arrays.fill(oldKeys, null);
        spareKeys = oldKeys;
        spareCounts = oldCounts;
        spareBuckets = oldBuckets;
    }
}
