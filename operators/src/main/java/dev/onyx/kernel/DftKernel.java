package dev.onyx.kernel;

/**
 * Discrete Fourier transform of complex sequences of any length, in double precision: an iterative
 * radix-2 FFT for powers of two, Bluestein's chirp-z algorithm (over a radix-2 FFT) for other lengths.
 */
public final class DftKernel {
    private final int n;
    /** radix-2 plan for n itself when n is a power of two, else for the Bluestein convolution length. */
    private final int m;
    private final double[] cos;
    private final double[] sin;
    private final int[] bitrev;
    /** Bluestein: the chirp exp(-i*pi*k^2/n) and the FFT of its conjugate, zero-padded and wrapped. */
    private final double[] chirpRe, chirpIm, kernelRe, kernelIm;

    /** A reusable plan for sequences of length n (n >= 1). */
    public DftKernel(int n) {
        if (n < 1) throw new IllegalArgumentException("DFT length must be at least 1, got " + n);
        this.n = n;
        boolean pow2 = Integer.bitCount(n) == 1;
        if (pow2) {
            m = n;
        } else {
            long need = 2L * n - 1;
            long p = Long.highestOneBit(need);
            if (p < need) p <<= 1;
            if (p > (1 << 30)) throw new IllegalArgumentException("DFT length " + n + " is too large");
            m = (int) p;
        }
        cos = new double[m / 2 + 1];
        sin = new double[m / 2 + 1];
        for (int k = 0; k <= m / 2; k++) {
            double a = 2 * Math.PI * k / m;
            cos[k] = StrictMath.cos(a);
            sin[k] = StrictMath.sin(a);
        }
        bitrev = new int[m];
        int bits = Integer.numberOfTrailingZeros(m);
        for (int i = 0; i < m; i++) bitrev[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
        if (pow2) {
            chirpRe = chirpIm = kernelRe = kernelIm = null;
        } else {
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            for (int k = 0; k < n; k++) {
                long k2 = ((long) k * k) % twoN;
                double a = Math.PI * k2 / n;
                chirpRe[k] = StrictMath.cos(a);
                chirpIm[k] = -StrictMath.sin(a);
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = kernelRe[m - k] = chirpRe[k];
                kernelIm[k] = kernelIm[m - k] = -chirpIm[k];
            }
            radix2(kernelRe, kernelIm, false);
        }
    }

    public int length() { return n; }

    /** In place: X[k] = sum_t x[t] * exp(-+2*pi*i*k*t/n), the sign + when inverse; never scaled. */
    public void transform(double[] re, double[] im, boolean inverse) {
        if (re.length < n || im.length < n) {
            throw new IllegalArgumentException("DFT of length " + n + " needs arrays of at least that length");
        }
        if (n == 1) return;
        if (inverse) {
            for (int i = 0; i < n; i++) im[i] = -im[i];
        }
        if (chirpRe == null) radix2(re, im, false);
        else bluestein(re, im);
        if (inverse) {
            for (int i = 0; i < n; i++) im[i] = -im[i];
        }
    }

    private void bluestein(double[] re, double[] im) {
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
        }
        radix2(ar, ai, false);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
            double i = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
            ar[k] = r;
            ai[k] = i;
        }
        radix2(ar, ai, true);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m, i = ai[k] / m;
            re[k] = r * chirpRe[k] - i * chirpIm[k];
            im[k] = r * chirpIm[k] + i * chirpRe[k];
        }
    }

    /** Unscaled radix-2 FFT of length m in place (forward: exp(-i...), inverse: exp(+i...)). */
    private void radix2(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < m; i++) {
            int j = bitrev[i];
            if (j > i) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int len = 2; len <= m; len <<= 1) {
            int half = len >> 1;
            int step = m / len;
            for (int start = 0; start < m; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step], wi = sign * sin[k * step];
                    int a = start + k, b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }
}
