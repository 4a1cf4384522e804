namespace AlgoTrading.Features.Indicators;

/// <summary>
/// MACD(fast, slow, signal) as TA-Lib: the fast EMA is seeded on the same bar as the slow one
/// (it skips the first slow − fast closes), so the MACD line starts at index slow − 1; the signal is
/// the EMA of the MACD line seeded with its SMA; all three outputs (macd, signal, histogram =
/// macd − signal) start together at index slow + signal − 2. Outputs are in price units.
/// </summary>
public struct MovingAverageConvergenceDivergence : IIndicatorKernel
{
    private ExponentialMovingAverage _fast, _slow, _signal;
    private int _seen;

    /// <summary>Creates MACD(<paramref name="fast"/>, <paramref name="slow"/>, <paramref name="signal"/>).</summary>
    public MovingAverageConvergenceDivergence(int fast = 12, int slow = 26, int signal = 9)
    {
        if (fast < 1 || slow <= fast || signal < 1) throw new ArgumentException($"MACD needs 1 ≤ fast < slow and signal ≥ 1 (got {fast}, {slow}, {signal})");
        (Fast, Slow, Signal) = (fast, slow, signal);
        _fast = new(fast); _slow = new(slow); _signal = new(signal);
        _seen = 0;
    }

    /// <summary>Fast EMA period.</summary>
    public int Fast { get; }
    /// <summary>Slow EMA period.</summary>
    public int Slow { get; }
    /// <summary>Signal EMA period.</summary>
    public int Signal { get; }
    /// <inheritdoc />
    public static IndicatorInputs Inputs => IndicatorInputs.Close;
    /// <inheritdoc />
    public readonly int OutputCount => 3;
    /// <inheritdoc />
    public readonly int WarmUp => Slow + Signal - 2;

    /// <inheritdoc />
    public void Update(in BarInput bar, Span<double> outputs)
    {
        double x = bar.Close;
        int index = _seen++;
        double slow = _slow.Next(x);
        double fast = index >= Slow - Fast ? _fast.Next(x) : double.NaN;
        outputs[0] = outputs[1] = outputs[2] = double.NaN;
        if (double.IsNaN(slow)) return;
        double macd = fast - slow;
        double signal = _signal.Next(macd);
        if (double.IsNaN(signal)) return;
        outputs[0] = macd;
        outputs[1] = signal;
        outputs[2] = macd - signal;
    }

    /// <inheritdoc />
    public void Reset() { _fast.Reset(); _slow.Reset(); _signal.Reset(); _seen = 0; }
}
