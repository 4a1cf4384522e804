using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AlgoTrading.Domain;

/// <summary>
/// Prices as integers on their decimal grid: a price quoted with p decimals is the double nearest to
/// q/10^p for an integer q. Arithmetic on the integers is exact (below 2^53), and one correctly
/// rounded division brings the result back: the double nearest to the exact decimal result, the
/// value a computation in <c>decimal</c> rounds to. Rolling sums (<c>Features/Indicators/RollingSum</c>)
/// and mid prices (<see cref="Mid"/>) are built this way so that exact ties stay exact.
/// </summary>
internal static class DecimalGrid
{
    /// <summary>10^22 is the largest power of ten a double holds exactly.</summary>
    public const int MaxPrecision = 22;

    /// <summary>10^0 … 10^22, each exact.</summary>
    public static readonly double[] PowersOfTen = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

    /// <summary>The bits of a double's exponent: masked alone they give the power of two of its binade.</summary>
    public const long ExponentBits = 0x7FF0_0000_0000_0000;

    /// <summary>2^-53: half an ulp of a value's binade is the binade times this.</summary>
    public const double TwoToMinus53 = 1.0 / 9007199254740992.0;

    /// <summary>
    /// The largest |q| of a mid's two integers: grids stay coarser than a double's spacing (so a price has
    /// one integer on a grid) and the sum of two stays below 2^53 (exact).
    /// </summary>
    private const double MidLimit = 4503599627370496.0; // 2^52

    /// <summary>
    /// Whether <paramref name="value"/> is the double nearest to q/scale, without dividing: that holds
    /// when |value·scale − q| ≤ scale·ulp(value)/2, and scale·ulp(value)/2 is the power of two of
    /// value's binade (its exponent bits alone) times scale·2^-53. The FMA gives value·scale − q with
    /// one rounding (exact for values ≥ 1), and on a grid of at most 22 decimals with q &lt; 2^53 the
    /// distance to the bound is never zero and far above that rounding, so the test is exact. Zero
    /// passes (0 ≤ 0); NaN and infinities fail.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool OnGrid(double value, double q, double scale)
    {
        double binade = (Vector128.CreateScalarUnsafe(value) & Vector128.Create(ExponentBits).AsDouble()).ToScalar();
        return Math.Abs(Math.FusedMultiplyAdd(value, scale, -q)) <= binade * (scale * TwoToMinus53);
    }

    // The grid the last mid was found on. Any grid that holds both prices gives the same mid, so a stale or
    // racing value only costs a search, never changes a result; it spares the search on every bar of a series.
    private static int _lastMidPrecision;

    /// <summary>
    /// The midpoint of <paramref name="bid"/> and <paramref name="ask"/> as the double nearest to the exact
    /// decimal midpoint: both prices as integers on a grid that holds them, one exact sum, one correctly
    /// rounded division. (bid + ask) / 2 in doubles misses that value for about a quarter of real quotes,
    /// and then two averages of mids that are equal as decimals can differ as doubles. Prices on no grid
    /// of at most 22 decimals (or too fine for a double to tell grid points apart) get (bid + ask) / 2.
    /// The mid of a price with itself is that price, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Mid(double bid, double ask)
    {
        int precision = _lastMidPrecision;
        double scale = PowersOfTen[precision];
        double qb = Math.Round(bid * scale), qa = Math.Round(ask * scale);
        if (OnGrid(bid, qb, scale) && OnGrid(ask, qa, scale) && Math.Abs(qb) <= MidLimit && Math.Abs(qa) <= MidLimit)
            return (qb + qa) / (2 * scale);
        return MidOnAnyGrid(bid, ask);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double MidOnAnyGrid(double bid, double ask)
    {
        for (int precision = 0; precision <= MaxPrecision; precision++)
        {
            double scale = PowersOfTen[precision];
            double qb = Math.Round(bid * scale), qa = Math.Round(ask * scale);
            if (Math.Abs(qb) > MidLimit || Math.Abs(qa) > MidLimit || double.IsNaN(qb + qa)) break; // finer grids only make the integers larger
            if (!OnGrid(bid, qb, scale) || !OnGrid(ask, qa, scale)) continue;
            _lastMidPrecision = precision;
            return (qb + qa) / (2 * scale);
        }
        return (bid + ask) * 0.5;
    }
}
