package dev.onyx.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArenaTest {
    @AfterEach
    void noArena() {
        Arena.swapCurrent(null);
    }

    @Test
    void withoutArenaBuffersAllocateFreshZeroedArrays() {
        assertThat(Arena.current()).isNull();
        float[] a = Buffers.floats(5), b = Buffers.floats(5);
        assertThat(a).isNotSameAs(b).containsExactly(0, 0, 0, 0, 0);
        assertThat(Buffers.zeroedFloats(3)).containsExactly(0, 0, 0);
        assertThat(Buffers.doubles(2)).containsExactly(0, 0);
        assertThat(Buffers.longs(2)).containsExactly(0, 0);
        assertThat(Buffers.ints(2)).containsExactly(0, 0);
        assertThat((String[]) Buffers.allocate(DType.STRING, 2)).containsExactly("", "");
        assertThat((short[]) Buffers.allocate(DType.FLOAT16, 3)).hasSize(3);
    }

    @Test
    void releasedArrayIsReusedForTheSameTypeAndLengthOnly() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        float[] a = Buffers.floats(8);
        arena.retain(a);
        arena.release(a);
        assertThat(arena.owns(a)).isFalse();
        assertThat(arena.pooledBytes()).isEqualTo(32);
        assertThat(Buffers.floats(7)).isNotSameAs(a);
        assertThat((Object) Buffers.ints(8)).isNotSameAs(a);
        assertThat(Buffers.floats(8)).isSameAs(a);
        assertThat(arena.pooledBytes()).isZero();
    }

    @Test
    void arrayGoesBackOnlyWhenTheLastReferenceIsReleased() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        float[] a = Buffers.floats(4);
        arena.retain(a); // the op's output slot
        arena.retain(a); // a view of it (Reshape) in another slot
        arena.release(a);
        assertThat(arena.owns(a)).isTrue();
        assertThat(Buffers.floats(4)).isNotSameAs(a);
        arena.release(a);
        assertThat(arena.owns(a)).isFalse();
        assertThat(Buffers.floats(4)).isSameAs(a);
    }

    @Test
    void arraysItDidNotHandOutAreNeverPooled() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        float[] weights = new float[4];
        arena.retain(weights);
        arena.release(weights);
        arena.release(weights);
        assertThat(arena.pooledBytes()).isZero();
        assertThat(Buffers.floats(4)).isNotSameAs(weights);
    }

    @Test
    void endRunForgetsHandedOutArraysAndKeepsWhatTheRunNeededAtOnce() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        float[] output = Buffers.floats(16);
        arena.retain(output);
        List<float[]> tmp = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            float[] t = Buffers.floats(16);
            arena.retain(t);
            tmp.add(t);
        }
        for (float[] t : tmp) arena.release(t);
        arena.endRun();
        // the output is the caller's: a later release (of an equal-looking value) never pools it
        assertThat(arena.owns(output)).isFalse();
        arena.release(output);
        assertThat(arena.pooledBytes()).isEqualTo(3 * 16 * 4);
        // a second run needing one array at a time keeps one
        for (int i = 0; i < 3; i++) {
            float[] t = Buffers.floats(16);
            assertThat(t).isNotSameAs(output).isIn(tmp.toArray());
            arena.retain(t);
            arena.release(t);
        }
        arena.endRun();
        assertThat(arena.pooledBytes()).isEqualTo(16 * 4);
        // a run that uses none of it keeps nothing
        arena.endRun();
        assertThat(arena.pooledBytes()).isZero();
    }

    @Test
    void zeroedVariantClearsRecycledArrays() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        double[] d = Buffers.doubles(3);
        d[0] = 1;
        d[2] = 5;
        arena.retain(d);
        arena.release(d);
        double[] again = Buffers.zeroedDoubles(3);
        assertThat(again).isSameAs(d).containsExactly(0, 0, 0);
        float[] f = Buffers.floats(2);
        f[1] = 7;
        arena.retain(f);
        arena.release(f);
        assertThat(Buffers.zeroedFloats(2)).isSameAs(f).containsExactly(0, 0);
    }

    @Test
    void poisonFillsEveryHandedOutArray() {
        Arena arena = new Arena(true);
        Arena.swapCurrent(arena);
        for (float v : Buffers.floats(3)) assertThat(v).isNaN();
        for (double v : Buffers.doubles(2)) assertThat(v).isNaN();
        assertThat(Buffers.longs(2)).containsOnly(0x5a5a_5a5a_5a5a_5a5aL);
        assertThat((boolean[]) Buffers.allocate(DType.BOOL, 2)).containsOnly(true);
        assertThat(Buffers.zeroedFloats(3)).containsExactly(0, 0, 0);
    }

    @Test
    void manyArraysInOneRunAndAcrossRuns() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        for (int run = 0; run < 5; run++) {
            List<Object> held = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                Object a = Buffers.allocate(i % 2 == 0 ? DType.FLOAT : DType.INT64, 1 + i % 7);
                arena.retain(a);
                held.add(a);
                if (i % 3 == 0) {
                    Object r = held.remove(held.size() / 2);
                    arena.release(r);
                    assertThat(arena.owns(r)).isFalse();
                }
            }
            for (Object a : held) assertThat(arena.owns(a)).isTrue();
            for (Object a : held) arena.release(a);
            arena.endRun();
        }
        assertThat(arena.pooledBytes()).isPositive();
    }

    @Test
    void emptyArraysAreNotTracked() {
        Arena arena = new Arena();
        Arena.swapCurrent(arena);
        float[] e = Buffers.floats(0);
        assertThat(e).isEmpty();
        assertThat(arena.owns(e)).isFalse();
    }
}
