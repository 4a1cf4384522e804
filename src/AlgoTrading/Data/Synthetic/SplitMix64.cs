namespace AlgoTrading.Data.Synthetic;

/// <summary>
/// A tiny, fully specified random generator (SplitMix64, Steele et al. 2014) so that synthetic data
/// depends only on its seed and this file, never on a runtime's <see cref="Random"/> implementation.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;
    private double _spare = double.NaN;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal by the Marsaglia polar method (pairs, the spare is kept).</summary>
    public double NextGaussian()
    {
        if (!double.IsNaN(_spare)) { var s = _spare; _spare = double.NaN; return s; }
        double u, v, q;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            q = u * u + v * v;
        } while (q >= 1 || q == 0);
        double f = Math.Sqrt(-2 * Math.Log(q) / q);
        _spare = v * f;
        return u * f;
    }
}
