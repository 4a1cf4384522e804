using AlgoTrading.Domain;

namespace AlgoTrading.Strategies.Sizing;

/// <summary>
/// Decides how many units to hold for a new position. The result is unsigned and rounded down to
/// the instrument's minimum trade size; 0 means "do not trade".
/// </summary>
public interface IPositionSizer
{
    /// <summary>Units for a position entered at <paramref name="price"/> with a stop <paramref name="stopDistance"/> away (price units; NaN when there is no stop).</summary>
    double Units(double price, double stopDistance, in PortfolioSnapshot portfolio, in InstrumentContext instrument);
}

/// <summary>Rounding shared by the sizers: down to a whole multiple of the minimum size, never negative.</summary>
internal static class SizeRounding
{
    public static double Floor(double units, double minimum)
    {
        if (!(units > 0)) return 0;
        double step = minimum > 0 ? minimum : 1;
        return Math.Floor(units / step + 1e-9) * step;
    }
}
