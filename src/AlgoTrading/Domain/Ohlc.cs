namespace AlgoTrading.Domain;

/// <summary>Open, high, low and close of one side of a bar, in the instrument's quote currency.</summary>
public readonly record struct Ohlc(double Open, double High, double Low, double Close)
{
    /// <summary>The field-by-field midpoint of two OHLCs (mid prices), each as <see cref="OhlcColumns.Mid"/> computes it.</summary>
    public static Ohlc Average(Ohlc a, Ohlc b) =>
        new(OhlcColumns.Mid(a.Open, b.Open), OhlcColumns.Mid(a.High, b.High), OhlcColumns.Mid(a.Low, b.Low), OhlcColumns.Mid(a.Close, b.Close));
}
