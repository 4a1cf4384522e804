namespace AlgoTrading.Domain;

/// <summary>Open, high, low and close of one side of a bar, in the instrument's quote currency.</summary>
public readonly record struct Ohlc(double Open, double High, double Low, double Close)
{
    /// <summary>The field-by-field average of two OHLCs (used for mid prices).</summary>
    public static Ohlc Average(Ohlc a, Ohlc b) =>
        new((a.Open + b.Open) * 0.5, (a.High + b.High) * 0.5, (a.Low + b.Low) * 0.5, (a.Close + b.Close) * 0.5);
}
