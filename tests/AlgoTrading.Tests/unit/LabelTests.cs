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
    public void Triple_barrier_by_hand_enters_at_the_next_open()
    {
        var bars = Trade(BarPeriod.H1,
            (Utc(2024, 1, 3, 0), 100, 101, 99, 100), (Utc(2024, 1, 3, 1), 100, 101, 99, 100), (Utc(2024, 1, 3, 2), 100, 102, 98, 100),
            (Utc(2024, 1, 3, 3), 103, 106, 102, 105), (Utc(2024, 1, 3, 4), 112, 113, 111, 112));
        var r = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 1, TakeProfitAtr = 2, StopLossAtr = 1, MaxBars = 3 }, PriceSource.Trade);
        Assert.True(double.IsNaN(r.Labels.Values[0])); // ATR(1) needs a previous close
        // Bar 1: ATR 2; entry at bar 2's open 100, stop 98, target 104. Bar 2's low 98 reaches the stop on the entry bar.
        Assert.Equal((BarrierHit.StopLoss, 2, -1.0), (r.Barriers[1], r.EndIndex[1], r.Labels.Values[1]));
        Assert.Equal(-0.02, r.Returns[1], 12);
        Assert.Equal(bars.TimeTicks[2], r.Labels.EndTime[1]);
        // Bar 2: ATR 4; entry at bar 3's open 103, target 111. Bar 4 opens at 112, through the target: the gap gives the better open.
        Assert.Equal((BarrierHit.TakeProfit, 4, 1.0), (r.Barriers[2], r.EndIndex[2], r.Labels.Values[2]));
        Assert.Equal(112.0 / 103 - 1, r.Returns[2], 12);
        // Bar 3: entry at 112, nothing touched, and the time barrier (bar 6) lies beyond the data.
        Assert.Equal(BarrierHit.None, r.Barriers[3]);
        Assert.Equal(BarrierHit.None, r.Barriers[4]); // no next bar to enter on
    }

    [Fact]
    public void Triple_barrier_buys_at_the_ask_and_exits_at_the_bid_as_the_backtester_fills()
    {
        // Bid = the row, ask = the row + 1. ATR(1) on mid at bar 1 is 2: entry at bar 2's ask open 100.5, stop 98.5, target 104.5.
        var bars = Quote(BarPeriod.H1, 1, (Utc(2024, 1, 3, 0), 100, 101, 99, 100), (Utc(2024, 1, 3, 1), 100, 101, 99, 100), (Utc(2024, 1, 3, 2), 99.5, 100, 98.4, 99.8));
        var r = TripleBarrierLabels.Compute(bars, new TripleBarrierOptions { AtrPeriod = 1, MaxBars = 5 }, PriceSource.Mid);
        Assert.Equal(BarrierHit.StopLoss, r.Barriers[1]); // the bid low 98.4 reaches 98.5 (the mid low, 98.9, would not)
        var bar2 = new QuoteBarView(99.5, 100, 98.4, 99.8, 100.5, 101, 99.4, 100.8);
        double entry = FillRules.Market(1, bar2), exit = FillRules.Stop(-1, entry - 2, bar2);
        Assert.Equal(exit / entry - 1, r.Returns[1], 12);
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
