using AlgoTrading.Features.Labels;
using AlgoTrading.Features.Sets;

namespace AlgoTrading.Tests.Unit;

public class LabelTests
{
    private static readonly long[] Hours = Enumerable.Range(0, 5).Select(i => Utc(2024, 1, 3, i).Ticks).ToArray();

    [Fact]
    public void Forward_return_and_its_end_time()
    {
        double[] close = [100, 110, 99, 99, 121];
        var r = ForwardReturnLabels.ForwardReturn(Hours, close, 2, ReturnKind.Simple);
        Assert.Equal(-0.01, r.Values[0], 12);
        Assert.Equal(-0.1, r.Values[1], 12);
        Assert.Equal(121.0 / 99 - 1, r.Values[2], 12);
        Assert.True(double.IsNaN(r.Values[3]) && double.IsNaN(r.Values[4]));
        Assert.Equal(Hours[2], r.EndTime[0]);
        Assert.Equal(long.MaxValue, r.EndTime[4]);
        Assert.Equal(Math.Log(110.0 / 100), ForwardReturnLabels.ForwardReturn(Hours, close, 1).Values[0], 12);
    }

    [Fact]
    public void Direction_needs_to_beat_the_cost()
    {
        double[] close = [100, 100.05, 100.5, 99.5, 99.45];
        var d = ForwardReturnLabels.Direction(Hours, close, 1, threshold: 0.001);
        Assert.Equal([0.0, 1, -1, 0], d.Values[..4]); // +0.05 % is below the 0.1 % cost; +0.45 % is above
        Assert.True(double.IsNaN(d.Values[4]));
    }

    [Fact]
    public void Direction_after_spread_uses_executable_prices()
    {
        // Mid rises 1 pip but the spread is 2 pips: buying at the ask and selling at the bid loses.
        var quotes = Quote(BarPeriod.H1, 0.0002, (Utc(2024, 1, 3, 0), 1.1, 1.1, 1.1, 1.1000), (Utc(2024, 1, 3, 1), 1.1, 1.1, 1.1, 1.1001), (Utc(2024, 1, 3, 2), 1.1, 1.1, 1.1, 1.1010));
        var d = ForwardReturnLabels.DirectionAfterSpread(quotes, 1);
        Assert.Equal(0, d.Values[0]);
        Assert.Equal(1, d.Values[1]); // 9 pips up clears the 2-pip spread
    }

    [Fact]
    public void Triple_barrier_by_hand()
    {
        // ATR(2) with constant true range 2 from bar 2 on; entries at close 100: TP = 100 + 2·2 = 104, SL = 100 − 1·2 = 98.
        var rows = new List<(DateTime, double, double, double, double)>
        {
            (Utc(2024, 1, 3, 0), 100, 101, 99, 100), (Utc(2024, 1, 3, 1), 100, 101, 99, 100), (Utc(2024, 1, 3, 2), 100, 101, 99, 100),
            (Utc(2024, 1, 3, 3), 100, 101, 99, 100),   // entry for label 3 (ATR defined from bar 2)
            (Utc(2024, 1, 3, 4), 100, 104.5, 99, 104), // touches TP 104 only
            (Utc(2024, 1, 3, 5), 104, 105, 97, 100),   // falls through the stop of bar 4's entry
        };
        var bars = Trade(BarPeriod.H1, [.. rows]);
        var result = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 2, TakeProfitAtr = 2, StopLossAtr = 1, MaxBars = 3 }, PriceSource.Trade);
        Assert.True(double.IsNaN(result.Labels.Values[0]) && double.IsNaN(result.Labels.Values[1])); // ATR warm-up
        Assert.Equal(BarrierHit.TakeProfit, result.Barriers[2]);
        Assert.Equal(4, result.EndIndex[2]);
        Assert.Equal(1, result.Labels.Values[2]);
        Assert.Equal(0.04, result.Returns[2], 12);
        Assert.Equal(bars.TimeTicks[4], result.Labels.EndTime[2]);
        Assert.Equal((BarrierHit.TakeProfit, 4), (result.Barriers[3], result.EndIndex[3])); // entry 100, TP 104 reached by bar 4's high 104.5
        // Bar 4: true range 5.5, so ATR(2) = (2 + 5.5)/2 = 3.75; entry 104, SL 100.25, TP 111.5. Bar 5's low 97 hits the stop.
        Assert.Equal((BarrierHit.StopLoss, 5, -1.0), (result.Barriers[4], result.EndIndex[4], result.Labels.Values[4]));
        Assert.Equal(100.25 / 104 - 1, result.Returns[4], 12);
        Assert.Equal(BarrierHit.None, result.Barriers[5]); // no future bars
    }

    [Fact]
    public void When_one_bar_touches_both_barriers_the_stop_loss_counts()
    {
        var bars = Trade(BarPeriod.H1, (Utc(2024, 1, 3, 0), 100, 101, 99, 100), (Utc(2024, 1, 3, 1), 100, 101, 99, 100), (Utc(2024, 1, 3, 2), 100, 110, 90, 100));
        var r = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 1, MaxBars = 5 }, PriceSource.Trade);
        Assert.Equal(BarrierHit.StopLoss, r.Barriers[1]);
        Assert.Equal(-1, r.Labels.Values[1]);
    }

    [Fact]
    public void Time_barrier_gives_zero_or_the_sign()
    {
        var bars = Trade(BarPeriod.H1, Enumerable.Range(0, 6).Select(i => (Utc(2024, 1, 3, i), 100.0, 100.5 + i * 0.01, 99.5, 100 + i * 0.01)).ToArray());
        var zero = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 1, MaxBars = 2 }, PriceSource.Trade);
        Assert.Equal(BarrierHit.Time, zero.Barriers[1]);
        Assert.Equal(0, zero.Labels.Values[1]);
        var sign = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 1, MaxBars = 2, SignAtTimeBarrier = true }, PriceSource.Trade);
        Assert.Equal(1, sign.Labels.Values[1]);
        Assert.Equal(BarrierHit.None, sign.Barriers[4]); // the time barrier lies beyond the data
    }

    [Fact]
    public void Overlapping_labels_can_be_purged()
    {
        var r = ForwardReturnLabels.ForwardReturn(Hours, [1.0, 2, 3, 4, 5], 2);
        // Samples whose [start, end] touches hour 3: sample 1 (1..3) and sample 2 (2..4).
        Assert.Equal([1, 2], r.Overlapping(Hours[3], Hours[3]));
    }
}
